package dev.remotecache.mock.internal.server.wiremock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.remotecache.mock.StubRefused;
import dev.remotecache.mock.internal.contract.ErrorCode;
import dev.remotecache.mock.internal.http.Answer;
import dev.remotecache.mock.internal.http.ErrorBodies;
import dev.remotecache.mock.internal.http.MockJson;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A refused stub as the admin API answers it: {@code 400} in the API's error shape ({@code error},
 * naming every violation), with WireMock's own error list beside it ({@code errors}), so that
 * WireMock's clients show the reason in the exception they throw.
 */
final class StubRefusals {

  private StubRefusals() {}

  static Answer answer(StubRefused refused) {
    ErrorCode code = ErrorCode.BAD_REQUEST;
    byte[] shape = ErrorBodies.of(code.value(), refused.getMessage(), refused.violations());
    try {
      ObjectNode body = (ObjectNode) MockJson.mapper().readTree(shape);
      JsonNode error =
          MockJson.mapper()
              .createObjectNode()
              .put("code", 10)
              .put("title", refused.getMessage())
              .put("detail", refused.getMessage());
      body.putArray("errors").add(error);
      return Answer.json(code.status(), MockJson.mapper().writeValueAsBytes(body));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
