package dev.remotecache.mock;

import static dev.remotecache.mock.Http.EVENTS;
import static dev.remotecache.mock.Http.VALID_EVENT;
import static dev.remotecache.mock.Http.json;
import static dev.remotecache.mock.Http.post;
import static dev.remotecache.mock.Http.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.remotecache.mock.junit.RemoteCacheMockExtension;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TokenPolicyTest {

  @RegisterExtension
  static RemoteCacheMockExtension mock =
      new RemoteCacheMockExtension(b -> b.token("first-secret").token("second"));

  @Test
  void onlyConfiguredTokensAreAccepted() {
    assertEquals(
        200,
        send(post(mock.baseUrl(), EVENTS, "[" + VALID_EVENT + "]")
                .header("Authorization", "Bearer first-secret"))
            .statusCode());
    assertEquals(
        200,
        send(post(mock.baseUrl(), EVENTS, "[" + VALID_EVENT + "]")
                .header("Authorization", "Bearer second"))
            .statusCode());

    HttpResponse<String> refused =
        send(
            post(mock.baseUrl(), EVENTS, "[" + VALID_EVENT + "]")
                .header("Authorization", "Bearer guessed-token-123"));
    assertEquals(401, refused.statusCode());
    assertEquals("not_authorized", json(refused).get("error").get("code").asText());
    assertFalse(
        refused.body().contains("guessed-token-123"),
        "a token is never echoed whole: " + refused.body());
    assertEquals(2, mock.events().size());
  }

  @Test
  void theSchemeIsCaseInsensitive() {
    for (String scheme : java.util.List.of("bearer", "BEARER", "BeArEr")) {
      HttpResponse<String> answer =
          send(
              post(mock.baseUrl(), EVENTS, "[" + VALID_EVENT + "]")
                  .header("Authorization", scheme + " second"));
      assertEquals(200, answer.statusCode(), scheme + ": " + answer.body());
    }
    HttpResponse<String> wrong =
        send(
            post(mock.baseUrl(), EVENTS, "[" + VALID_EVENT + "]")
                .header("Authorization", "bearer guessed-token-123"));
    assertEquals(401, wrong.statusCode(), "in any case, only the configured tokens");
  }

  @Test
  void anEmptyBearerTokenIsNamedAsSuch() {
    HttpResponse<String> answer =
        send(
            post(mock.baseUrl(), EVENTS, "[" + VALID_EVENT + "]")
                .header("Authorization", "Bearer"));

    assertEquals(401, answer.statusCode(), answer.body());
    var violation = json(answer).get("error").get("violations").get(0);
    assertEquals("security", violation.get("in").asText());
    assertEquals("token", violation.get("rule").asText());
    assertEquals("Authorization", violation.get("at").asText());
    assertEquals("Bearer", violation.get("actual").asText());
    assertEquals(
        "the bearer token is empty: the header is \"Bearer\"; send Authorization: Bearer <token>",
        violation.get("message").asText());
  }
}
