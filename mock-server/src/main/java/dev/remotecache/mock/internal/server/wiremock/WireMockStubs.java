package dev.remotecache.mock.internal.server.wiremock;

import com.github.tomakehurst.wiremock.common.DataTruncationSettings;
import com.github.tomakehurst.wiremock.core.StubServer;
import com.github.tomakehurst.wiremock.extension.Extension;
import com.github.tomakehurst.wiremock.extension.ExtensionFactory;
import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.extension.WireMockServices;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.HttpHeaders;
import com.github.tomakehurst.wiremock.http.ImmutableRequest;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.http.StubResponseRenderer;
import com.github.tomakehurst.wiremock.matching.RequestMatcherExtension;
import com.github.tomakehurst.wiremock.store.RequestJournalStore;
import com.github.tomakehurst.wiremock.store.StubMappingStore;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.github.tomakehurst.wiremock.verification.RequestJournal;
import com.github.tomakehurst.wiremock.verification.StoreBackedRequestJournal;
import dev.remotecache.mock.internal.http.Answer;
import dev.remotecache.mock.internal.http.ApiRequest;
import dev.remotecache.mock.internal.pipeline.StubServing;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The stubs and WireMock's request journal, for the pipeline: a stub is matched by WireMock's own
 * stub mappings ({@code serveStubFor}: its matchers, priorities, scenarios and response templating)
 * and rendered by WireMock's renderer ({@code bodyFileName} from {@code __files}, delays, faults);
 * every request the pipeline answers goes into WireMock's request journal, which its admin API and
 * clients verify against. WireMock hands out its parts to extensions only: this is one, of no type
 * WireMock calls, whose factory keeps them.
 */
public final class WireMockStubs implements StubServing {

  /**
   * Requests WireMock's journal keeps at most (the newest): its entries hold a whole request, so
   * fewer than the mock's own journal, which keeps parsed events.
   */
  static final int JOURNAL_ENTRIES = 1_000;

  /** A request body longer than this is kept in WireMock's journal without its bytes. */
  static final int JOURNAL_BODY_BYTES = 16 * 1024;

  private volatile WireMockServices services;
  private volatile Parts parts;

  private record Parts(
      StubServer stubs,
      StubMappingStore store,
      StubResponseRenderer renderer,
      RequestJournal journal,
      RequestJournalStore requests) {}

  /**
   * Entries in WireMock's journal, counted here: its own limit counts the whole store on every
   * request (O(entries)), which cost most of a request's time.
   */
  private final AtomicInteger journalled = new AtomicInteger();

  /** What gives this its WireMock parts: declared as an extension of the server. */
  ExtensionFactory factory() {
    return new ExtensionFactory() {
      @Override
      public List<Extension> create(WireMockServices wireMock) {
        services = wireMock;
        return List.of();
      }
    };
  }

  /** Called once the server is built: the extensions are loaded by then. */
  void bind() {
    WireMockServices s = services;
    if (s == null || !(s.getAdmin() instanceof StubServer stubServer)) {
      throw new IllegalStateException("WireMock did not hand over its stub server");
    }
    Map<String, RequestMatcherExtension> matchers =
        s.getExtensions().ofType(RequestMatcherExtension.class);
    parts =
        new Parts(
            stubServer,
            s.getStores().getStubStore(),
            new StubResponseRenderer(
                s.getStores().getFilesBlobStore(),
                s.getStores().getSettingsStore(),
                null, // proxying stubs are refused (StubContract): the mock proxies with --proxy
                // No deprecated (V1) transformers: WireMock's own are V2, and the mock loads no
                // others.
                List.of(),
                List.copyOf(s.getExtensions().ofType(ResponseTransformerV2.class).values())),
            new StoreBackedRequestJournal(null, matchers, s.getStores().getRequestJournalStore()),
            s.getStores().getRequestJournalStore());
  }

  @Override
  public Optional<Served> answer(ApiRequest request, byte[] body) {
    Parts p = parts;
    if (p == null || p.store().getAll().findAny().isEmpty()) {
      return Optional.empty(); // no stub: nothing to build or match
    }
    Request wireMockRequest = wireMockRequest(request, body);
    ServeEvent event = p.stubs().serveStubFor(ServeEvent.of(wireMockRequest));
    if (!event.getWasMatched() || event.getStubMapping() == null) {
      return Optional.empty();
    }
    event.getResponseDefinition().setOriginalRequest(wireMockRequest);
    Response response = p.renderer().render(event);
    StubMapping stub = event.getStubMapping();
    return Optional.of(
        new Served(String.valueOf(stub.getId()), stub.getName(), answerOf(response), event));
  }

  private static Answer answerOf(Response response) {
    Answer answer = Answer.of(response.getStatus());
    if (response.getHeaders() != null) {
      for (HttpHeader header : response.getHeaders().all()) {
        for (String value : header.values()) {
          answer = answer.withHeader(header.key(), value);
        }
      }
    }
    byte[] body = response.getBody();
    if (body != null && body.length > 0) {
      answer = answer.withBody(body);
    }
    Answer.Breakage breakage =
        response.getFault() == null
            ? null
            : switch (response.getFault()) {
              case CONNECTION_RESET_BY_PEER -> Answer.Breakage.CONNECTION_RESET;
              case MALFORMED_RESPONSE_CHUNK -> Answer.Breakage.TRUNCATED_BODY;
              default -> Answer.Breakage.EMPTY_RESPONSE;
            };
    if (breakage != null || response.getInitialDelay() > 0) {
      answer = answer.withDisruption(new Answer.Disruption(response.getInitialDelay(), breakage));
    }
    return answer;
  }

  /**
   * A request answered, not yet in WireMock's journal: copies of what the journal shows, never the
   * request's or the answer's streams (a download's bytes would stay alive while it waits).
   */
  private record Pending(
      RequestLine request,
      byte[] body,
      int status,
      Map<String, List<String>> headers,
      byte[] answer,
      Served stub) {}

  /*
   * Building WireMock's journal entry (its request, response and serve event) costs more than
   * answering a small request: it is done when something reads WireMock's journal
   * (catchUpJournal), not on the request's thread. At most JOURNAL_ENTRIES wait, the newest.
   */
  private final ConcurrentLinkedQueue<Pending> pending = new ConcurrentLinkedQueue<>();
  private final AtomicInteger pendingCount = new AtomicInteger();

  @Override
  public void served(ApiRequest request, byte[] body, Answer answer, Served stub) {
    if (parts == null) {
      return;
    }
    byte[] answerBody =
        answer.bytes() != null && answer.bytes().length <= JOURNAL_BODY_BYTES
            ? answer.bytes()
            : null;
    pending.add(
        new Pending(
            RequestLine.of(request),
            body.length > JOURNAL_BODY_BYTES ? new byte[0] : body,
            answer.status(),
            answer.headers(),
            answerBody,
            stub));
    if (pendingCount.incrementAndGet() > JOURNAL_ENTRIES && pending.poll() != null) {
      pendingCount.decrementAndGet();
    }
  }

  /**
   * Puts the requests answered since the last call into WireMock's journal, in the order they were
   * answered: called before any of WireMock's own admin routes (/__admin/requests, verify, find).
   */
  public synchronized void catchUpJournal() {
    Parts p = parts;
    Pending next;
    while ((next = pending.poll()) != null) {
      pendingCount.decrementAndGet();
      if (p != null) {
        journal(p, next);
      }
    }
  }

  private void journal(Parts p, Pending served) {
    ServeEvent event =
        served.stub() != null && served.stub().event() instanceof ServeEvent matched
            ? matched
            : ServeEvent.ofUnmatched(
                LoggedRequest.createFrom(
                    withEmptyCookies(
                        requestWithoutBody(served.request()).withBody(served.body()).build())),
                ResponseDefinition.notConfigured());
    Response.Builder response = Response.response().status(served.status());
    List<HttpHeader> headers = new ArrayList<>();
    served.headers().forEach((name, values) -> headers.add(new HttpHeader(name, values)));
    response.headers(new HttpHeaders(headers));
    if (served.answer() != null) {
      response.body(served.answer());
    }
    p.journal().requestReceived(event.complete(response.build(), DataTruncationSettings.DEFAULTS));
    if (journalled.incrementAndGet() > JOURNAL_ENTRIES) {
      p.requests().removeLast(); // the oldest
      journalled.decrementAndGet();
    }
  }

  @Override
  public synchronized void forgetRequests() {
    Parts p = parts;
    pending.clear();
    pendingCount.set(0);
    if (p != null) {
      p.journal().reset();
      journalled.set(0);
    }
  }

  /**
   * The request as WireMock's {@link Request}, with no cookies rather than {@code null} (which
   * {@link ImmutableRequest} gives, and response templating cannot read).
   */
  private static Request wireMockRequest(ApiRequest request, byte[] body) {
    return withEmptyCookies(requestWithoutBody(RequestLine.of(request)).withBody(body).build());
  }

  /**
   * What WireMock's journal shows of a request but its body, as the request holds it (its headers
   * are an immutable copy already): no reference to the request's stream, nothing built until the
   * journal is read.
   */
  private record RequestLine(
      String method, String absoluteUrl, String clientIp, Map<String, List<String>> headers) {
    static RequestLine of(ApiRequest request) {
      return new RequestLine(
          request.method(),
          request.baseUrl() + request.url(),
          request.clientIp(),
          request.headers());
    }
  }

  private static Request withEmptyCookies(ImmutableRequest built) {
    return (Request)
        Proxy.newProxyInstance(
            Request.class.getClassLoader(),
            new Class<?>[] {Request.class},
            (proxy, method, args) -> {
              if (method.getName().equals("getCookies") && method.getParameterCount() == 0) {
                return Map.of();
              }
              try {
                return method.invoke(built, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  /** What WireMock shows of a request but its body: no reference to the request's stream. */
  private static ImmutableRequest.Builder requestWithoutBody(RequestLine request) {
    List<HttpHeader> headers = new ArrayList<>();
    request.headers().forEach((name, values) -> headers.add(new HttpHeader(name, values)));
    return ImmutableRequest.create()
        .withAbsoluteUrl(request.absoluteUrl())
        .withMethod(RequestMethod.fromString(request.method()))
        .withProtocol("HTTP/1.1")
        .withClientIp(request.clientIp())
        .withHeaders(new HttpHeaders(headers));
  }
}
