package dev.remotecache.contract.generative;

import dev.remotecache.contract.ContractRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * A sequence as the exact HTTP requests, one curl line each, for a shell with {@code BASE} and
 * {@code TOKEN} set: what a finding's reader pastes to see it again. Binary bodies are rebuilt with
 * {@code yes TOKEN | head -c SIZE}, which gives the very bytes the generator sent.
 */
final class CurlScript {

  private CurlScript() {}

  static List<String> lines(List<Step> steps, ApiOperations operations, TeamSpace space) {
    List<String> lines = new ArrayList<>();
    for (Step step : steps) {
      lines.add(line(step, step.toRequest(operations, space)));
    }
    return lines;
  }

  static String line(Step step, ContractRequest request) {
    StringBuilder curl = new StringBuilder();
    Step.Upload upload = step.kind() == Step.Kind.INVALID ? null : step.upload();
    byte[] invalidBinary = step.kind() == Step.Kind.INVALID ? request.binaryBody() : null;
    if (upload != null) {
      curl.append(
          upload.size() == 0
              ? "printf '' | "
              : "yes " + quote(upload.token()) + " | head -c " + upload.size() + " | ");
    } else if (invalidBinary != null) {
      curl.append("printf '%s' ")
          .append(quote(new String(invalidBinary, java.nio.charset.StandardCharsets.UTF_8)))
          .append(" | ");
    }
    curl.append("curl -sS -i ");
    curl.append("HEAD".equals(request.method()) ? "--head" : "-X " + request.method());
    curl.append(" \"$BASE\"").append(quote(request.pathAndQuery()));
    if (request.authorized()) {
      curl.append(" -H \"Authorization: Bearer $TOKEN\"");
    }
    request
        .headers()
        .forEach((name, value) -> curl.append(" -H ").append(quote(name + ": " + value)));
    if (request.body() != null || request.binaryBody() != null) {
      curl.append(" -H ").append(quote("Content-Type: " + request.contentType()));
    }
    if (request.body() != null) {
      curl.append(" --data-binary ").append(quote(request.body().toString()));
    } else if (request.binaryBody() != null) {
      curl.append(" --data-binary @-");
    }
    return curl.toString();
  }

  /** Single-quoted for a POSIX shell. */
  static String quote(String text) {
    return "'" + text.replace("'", "'\\''") + "'";
  }
}
