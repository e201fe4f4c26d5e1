package dev.remotecache.mock.operations;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.remotecache.mock.contract.ErrorCodes;
import dev.remotecache.mock.overrides.ForcedResponse;
import dev.remotecache.mock.stub.model.ErrorDetail;
import dev.remotecache.mock.stub.model.ErrorResponse;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The answers the spec documents for an operation, given on request ({@code Prefer: code=403} or a
 * forced response): the status with the response's named example, its default example, or, for
 * an error without one, the API's error body. Nothing undocumented is ever produced.
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
            return Optional.of(operation.getOperationId() + " documents no " + forced.status()
                    + " answer; it documents " + List.copyOf(responses.keySet()));
        }
        if (forced.example() != null && !exampleNames(response).contains(forced.example())) {
            return Optional.of("the " + forced.status() + " answer of " + operation.getOperationId()
                    + " has no example named " + forced.example() + "; it has " + exampleNames(response));
        }
        return Optional.empty();
    }

    /** The documented answer (check {@link #refusal} first). */
    public OperationResult answer(Operation operation, ForcedResponse forced, boolean head) {
        ApiResponse response = operation.getResponses().get(String.valueOf(forced.status()));
        Map<String, String> headers = new LinkedHashMap<>();
        if (forced.status() == 401) {
            headers.put("WWW-Authenticate", "Bearer realm=\"remote-cache\"");
        }
        Optional<Map.Entry<String, MediaType>> media = response.getContent() == null ? Optional.empty()
                : response.getContent().entrySet().stream().findFirst();
        if (media.isEmpty() || head) {
            return new OperationResult(forced.status(), headers, new byte[0]);
        }
        headers.put("Content-Type", media.get().getKey());
        Object body = example(media.get().getValue(), forced.example())
                .orElseGet(() -> new ErrorResponse(new ErrorDetail(ErrorCodes.forStatus(forced.status()),
                        "forced: the " + forced.status() + " answer of " + operation.getOperationId())
                        .violations(null)));
        return new OperationResult(forced.status(), headers, write(body));
    }

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
            return body instanceof String s ? s.getBytes(java.nio.charset.StandardCharsets.UTF_8)
                    : json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an example", e);
        }
    }
}
