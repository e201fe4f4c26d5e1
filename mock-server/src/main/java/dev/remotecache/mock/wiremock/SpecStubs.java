package dev.remotecache.mock.wiremock;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.request;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathTemplate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.remotecache.mock.contract.ApiContract;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.util.Map;
import java.util.Optional;

/**
 * Registers, for every operation of the spec, a WireMock stub that answers with the operation's
 * success response as the spec declares it (status, content type, example body).
 *
 * <p>They have a low priority, so a stub a user adds for the same route wins over them.
 */
final class SpecStubs {

    /** WireMock's default priority is 5; larger numbers lose. */
    static final int SPEC_STUB_PRIORITY = 10;

    private final ApiContract contract;
    private final ObjectMapper json;

    SpecStubs(ApiContract contract, ObjectMapper json) {
        this.contract = contract;
        this.json = json;
    }

    void registerOn(WireMockServer server) {
        for (ApiContract.Route route : contract.routes()) {
            Map.Entry<String, ApiResponse> success = successResponse(route);
            ResponseDefinitionBuilder response = aResponse().withStatus(Integer.parseInt(success.getKey()));
            Optional<Map.Entry<String, MediaType>> content = Optional.ofNullable(success.getValue().getContent())
                    .flatMap(c -> c.entrySet().stream().findFirst());
            content.ifPresent(media -> {
                response.withHeader("Content-Type", media.getKey());
                example(media.getValue()).ifPresent(response::withBody);
            });
            server.stubFor(request(route.method(), urlPathTemplate(route.pathTemplate()))
                    .atPriority(SPEC_STUB_PRIORITY)
                    .willReturn(response));
        }
    }

    /** The operation's first 2xx response in numeric order (the spec test guarantees there is one). */
    private static Map.Entry<String, ApiResponse> successResponse(ApiContract.Route route) {
        return route.operation().getResponses().entrySet().stream()
                .filter(e -> e.getKey().startsWith("2"))
                .min(Map.Entry.comparingByKey())
                .orElseThrow(() -> new IllegalStateException(route + " declares no success response"));
    }

    private Optional<String> example(MediaType media) {
        Object example = media.getExample();
        if (example == null && media.getExamples() != null) {
            example = media.getExamples().values().stream().findFirst().map(Example::getValue).orElse(null);
        }
        if (example == null && media.getSchema() != null) {
            example = media.getSchema().getExample();
        }
        if (example == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(example instanceof String s ? s : json.writeValueAsString(example));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the example of a success response", e);
        }
    }
}
