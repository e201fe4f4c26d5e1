package dev.remotecache.mock.internal.pipeline;

import dev.remotecache.mock.internal.http.Answer;
import dev.remotecache.mock.internal.http.ApiRequest;
import java.util.Optional;

/**
 * The stubs a user registered (WireMock stub mappings, matched by WireMock), and WireMock's request
 * journal, as the pipeline sees them: the adapter in {@code internal.server.wiremock} implements
 * it, so the pipeline never names WireMock.
 */
public interface StubServing {

  /**
   * The answer of the stub that matches an accepted request, if one does.
   *
   * @param body the request's body as read ({@code new byte[0]} for an upload, whose bytes stream
   *     to the store and are not shown to the stubs)
   */
  Optional<Served> answer(ApiRequest request, byte[] body);

  /**
   * Tells WireMock's request journal of a request the pipeline answered, so that WireMock's
   * verification ({@code /__admin/requests}, {@code verify}, {@code findAll}) sees every request
   * the mock's journal does.
   *
   * @param stub the stub that answered, or {@code null}
   */
  void served(ApiRequest request, byte[] body, Answer answer, Served stub);

  /** Drops what WireMock's request journal holds (with the mock's journal). */
  void forgetRequests();

  /**
   * A stub's answer.
   *
   * @param id the stub's id
   * @param name its name, or {@code null}
   * @param event the adapter's own record of the match, handed back to {@link #served}
   */
  record Served(String id, String name, Answer answer, Object event) {
    /** The stub as a person finds it: {@code "name" (id)}, or its id. */
    public String label() {
      return name == null ? id : "\"" + name + "\" (" + id + ")";
    }
  }

  /** No stubs, no WireMock journal: what a pipeline built without a server has. */
  StubServing NONE =
      new StubServing() {
        @Override
        public Optional<Served> answer(ApiRequest request, byte[] body) {
          return Optional.empty();
        }

        @Override
        public void served(ApiRequest request, byte[] body, Answer answer, Served stub) {}

        @Override
        public void forgetRequests() {}
      };
}
