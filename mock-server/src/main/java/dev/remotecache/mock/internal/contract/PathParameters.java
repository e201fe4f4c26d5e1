package dev.remotecache.mock.internal.contract;

import com.atlassian.oai.validator.model.ApiOperation;
import com.atlassian.oai.validator.model.Request;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** Reads a path parameter's value out of a request path, by the operation's path template. */
public final class PathParameters {

  private PathParameters() {}

  /**
   * The decoded value of {@code name} ({@code hash} in {@code /v8/artifacts/{hash}}), or {@code
   * null}.
   */
  public static String value(ApiOperation operation, Request request, String name) {
    String[] template = operation.getApiPath().original().split("/");
    String[] actual = request.getPath().split("/", -1);
    for (int i = 0; i < Math.min(template.length, actual.length); i++) {
      if (template[i].equals("{" + name + "}")) {
        return URLDecoder.decode(actual[i], StandardCharsets.UTF_8);
      }
    }
    return null;
  }
}
