package dev.remotecache.mock.internal.proxy;

import com.atlassian.oai.validator.model.Request;
import dev.remotecache.client.model.Violation;
import dev.remotecache.contract.core.ApiContract;
import dev.remotecache.mock.internal.contract.AnswerCheck;
import dev.remotecache.mock.internal.http.Answer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Forwards a request to a real Remote Cache server and checks the server's answer against the spec
 * (status, headers, body schema), reporting each departure as a {@link Violation} in the same
 * format as the mock's own: the first ones, at most as many as a rejection names, and how many
 * there are in all (a huge invalid answer costs no more than that).
 */
public final class ValidatingProxy {

  /** Hop-by-hop and framing headers (lower case): the proxy's own HTTP client sets them. */
  public static final Set<String> NOT_FORWARDED =
      Set.of(
          "host",
          "connection",
          "content-length",
          "transfer-encoding",
          "keep-alive",
          "upgrade",
          "proxy-connection",
          "te",
          "trailer",
          "expect");

  private final URI target;
  private final AnswerCheck answers;
  private final HttpClient http;

  /**
   * @param maxViolations how many departures of one answer are named at most ({@code
   *     --max-violations}); the others are counted
   */
  public ValidatingProxy(URI target, ApiContract contract, Duration timeout, int maxViolations) {
    String base = target.toString();
    this.target = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
    this.answers = new AnswerCheck(contract, maxViolations);
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  public URI target() {
    return target;
  }

  /**
   * What the real server answered, and where that answer breaks the spec.
   *
   * @param violations the first departures, at most {@code maxViolations}
   * @param violationCount how many departures there are in all
   */
  public record Forwarded(Answer answer, List<Violation> violations, int violationCount) {}

  /**
   * @param pathAndQuery the request's path and query as received (appended to the target's base
   *     path)
   * @throws IOException when the server cannot be reached or does not answer
   */
  public Forwarded forward(Request request, String pathAndQuery, byte[] body)
      throws IOException, InterruptedException {
    HttpRequest.Builder out =
        HttpRequest.newBuilder(URI.create(target + pathAndQuery)).timeout(Duration.ofSeconds(60));
    request
        .getHeaders()
        .forEach(
            (name, values) -> {
              if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(v -> out.header(name, v));
              }
            });
    out.method(
        request.getMethod().name(),
        body.length == 0
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(body));
    HttpResponse<byte[]> response = http.send(out.build(), HttpResponse.BodyHandlers.ofByteArray());

    Answer answer = Answer.of(response.statusCode());
    Map<String, List<String>> checkedHeaders = new java.util.LinkedHashMap<>();
    for (Map.Entry<String, List<String>> header : response.headers().map().entrySet()) {
      String name = header.getKey();
      if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
        for (String value : header.getValue()) {
          answer = answer.withHeader(name, value);
        }
        checkedHeaders.put(name, header.getValue());
      }
    }
    AnswerCheck.Checked checked =
        answers.check(
            request.getPath(),
            request.getMethod(),
            response.statusCode(),
            checkedHeaders,
            response.body(),
            "the server's answer");
    if (response.body().length > 0) {
      answer = answer.withBody(response.body());
    }
    return new Forwarded(answer, checked.violations(), checked.violationCount());
  }
}
