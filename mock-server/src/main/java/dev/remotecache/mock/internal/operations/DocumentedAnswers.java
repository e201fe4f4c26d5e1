package dev.remotecache.mock.internal.operations;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.remotecache.mock.internal.contract.ErrorCode;
import dev.remotecache.mock.internal.http.Answer;
import dev.remotecache.mock.internal.http.ErrorBodies;
import dev.remotecache.mock.overrides.ForcedResponse;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The answers the spec documents for an operation, given on request ({@code Prefer: code=403} or a
 * forced response): the status with the response's named example, its default example, or, for an
 * error without one, the API's error body. Nothing undocumented is ever produced.
 */
public final class DocumentedAnswers {

  private final ObjectMapper json;

  public DocumentedAnswers(ObjectMapper json) {
    this.json = json;
  }

  /** Why {@code forced} cannot be given for {@code operation}, if it cannot. */
  public Optional<String> refusal(Operation operation, ForcedResponse forced) {
    Map<String, ApiResponse> responses = operation.getResponses();
    ApiResponse response = responses.get(String.valueOf(forced.status()));
    if (response == null) {
      return Optional.of(
          operation.getOperationId()
              + " documents no "
              + forced.status()
              + " answer; it documents "
              + List.copyOf(responses.keySet()));
    }
    if (forced.example() != null && !exampleNames(response).contains(forced.example())) {
      return Optional.of(
          "the "
              + forced.status()
              + " answer of "
              + operation.getOperationId()
              + " has no example named "
              + forced.example()
              + "; it has "
              + exampleNames(response));
    }
    return Optional.empty();
  }

  /** The documented answer (check {@link #refusal} first). */
  public Answer answer(Operation operation, ForcedResponse forced, boolean head) {
    ApiResponse response = operation.getResponses().get(String.valueOf(forced.status()));
    Answer answer = Answer.of(forced.status());
    if (forced.status() == ErrorCode.NOT_AUTHORIZED.status()) {
      answer = answer.withHeader("WWW-Authenticate", BEARER_CHALLENGE);
    }
    Optional<Map.Entry<String, MediaType>> media =
        response.getContent() == null
            ? Optional.empty()
            : response.getContent().entrySet().stream().findFirst();
    if (media.isEmpty() || head) {
      return answer;
    }
    byte[] body =
        example(media.get().getValue(), forced.example())
            .map(this::write)
            .orElseGet(
                () ->
                    ErrorBodies.of(
                        ErrorCode.forStatus(forced.status()).value(),
                        "forced: the "
                            + forced.status()
                            + " answer of "
                            + operation.getOperationId()));
    return answer.withHeader("Content-Type", media.get().getKey()).withBody(body);
  }

  /**
   * RFC 6750's challenge, on every 401 the mock gives: which scheme to use, and that the token was
   * refused.
   */
  public static final String BEARER_CHALLENGE =
      "Bearer realm=\"remote-cache\", error=\"invalid_token\"";

  private static List<String> exampleNames(ApiResponse response) {
    if (response.getContent() == null) {
      return List.of();
    }
    return response.getContent().values().stream()
        .filter(m -> m.getExamples() != null)
        .flatMap(m -> m.getExamples().keySet().stream())
        .toList();
  }

  private static Optional<Object> example(MediaType media, String name) {
    if (name != null && media.getExamples() != null && media.getExamples().containsKey(name)) {
      return Optional.ofNullable(media.getExamples().get(name)).map(Example::getValue);
    }
    if (media.getExample() != null) {
      return Optional.of(media.getExample());
    }
    if (media.getExamples() != null && !media.getExamples().isEmpty()) {
      return media.getExamples().values().stream().findFirst().map(Example::getValue);
    }
    return Optional.ofNullable(media.getSchema() == null ? null : media.getSchema().getExample());
  }

  private byte[] write(Object body) {
    try {
      return body instanceof String s
          ? s.getBytes(StandardCharsets.UTF_8)
          : json.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write an example", e);
    }
  }
}
