package dev.remotecache.contract;

import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import dev.remotecache.contract.core.ApiContract;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Checks a server's answer against the responses the spec declares for the operation: status,
 * content type, headers and body schema. Works on any server's answers, not only the mock's.
 *
 * <p>Besides the validator's checks, every header the spec declares {@code required} for that
 * answer must be there, and an answer with a body must name one of the declared content types.
 */
public final class SpecResponseCheck {

  private final ApiContract contract;

  public SpecResponseCheck(ApiContract contract) {
    this.contract = contract;
  }

  /**
   * Every way {@code response} departs from the spec, as the validator words it; empty when it
   * conforms.
   */
  public List<String> problems(String method, String path, HttpResponse<String> response) {
    return problems(method, path, response.statusCode(), response.headers(), response.body());
  }

  /** The same, for an answer given as its parts. */
  public List<String> problems(
      String method, String path, int status, HttpHeaders headers, String body) {
    SimpleResponse.Builder answer = SimpleResponse.Builder.status(status);
    headers.map().forEach(answer::withHeader);
    if (!body.isEmpty()) {
      answer.withBody(body);
    }
    Request.Method verb = Request.Method.valueOf(method.toUpperCase(Locale.ROOT));
    ValidationReport report = contract.validateResponse(path, verb, answer.build());
    boolean binary = declared(path, verb, status).map(SpecResponseCheck::binaryOnly).orElse(false);
    List<String> problems =
        new ArrayList<>(
            report.getMessages().stream()
                .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                // A 0-byte artifact is an empty binary body, not a missing one.
                .filter(m -> !(binary && m.getKey().equals("validation.response.body.missing")))
                .map(m -> m.getKey() + ": " + m.getMessage())
                .toList());
    declared(path, verb, status)
        .ifPresent(
            declared -> {
              if (declared.getHeaders() != null) {
                declared
                    .getHeaders()
                    .forEach(
                        (name, header) -> {
                          if (Boolean.TRUE.equals(resolve(header).getRequired())
                              && headers.firstValue(name).isEmpty()) {
                            problems.add(
                                "header "
                                    + name
                                    + ": the spec declares it for "
                                    + status
                                    + ", the answer has none");
                          }
                        });
              }
              boolean hasBody = !body.isEmpty() && verb != Request.Method.HEAD;
              if (hasBody && declared.getContent() != null && !declared.getContent().isEmpty()) {
                String type =
                    headers
                        .firstValue("Content-Type")
                        .map(t -> t.split(";")[0].trim().toLowerCase(Locale.ROOT))
                        .orElse(null);
                if (type == null) {
                  problems.add(
                      "Content-Type: missing; the spec declares " + declared.getContent().keySet());
                } else if (!declared.getContent().containsKey(type)) {
                  problems.add(
                      "Content-Type: "
                          + type
                          + " is not one the spec declares "
                          + declared.getContent().keySet());
                }
              }
            });
    return problems.stream().distinct().toList();
  }

  private static boolean binaryOnly(ApiResponse response) {
    return response.getContent() != null
        && !response.getContent().isEmpty()
        && response.getContent().values().stream()
            .allMatch(
                media ->
                    media.getSchema() != null && "binary".equals(media.getSchema().getFormat()));
  }

  private Optional<ApiResponse> declared(String path, Request.Method method, int status) {
    return contract
        .operationFor(path, method)
        .map(api -> api.getOperation())
        .map(Operation::getResponses)
        .map(responses -> responses.getOrDefault(String.valueOf(status), responses.get("default")))
        .map(this::resolve);
  }

  private ApiResponse resolve(ApiResponse response) {
    if (response.get$ref() == null) {
      return response;
    }
    String name = response.get$ref().substring(response.get$ref().lastIndexOf('/') + 1);
    return contract.openApi().getComponents().getResponses().get(name);
  }

  private Header resolve(Header header) {
    if (header.get$ref() == null) {
      return header;
    }
    String name = header.get$ref().substring(header.get$ref().lastIndexOf('/') + 1);
    return contract.openApi().getComponents().getHeaders().get(name);
  }
}
