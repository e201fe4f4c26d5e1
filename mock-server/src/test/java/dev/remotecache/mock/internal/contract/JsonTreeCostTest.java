package dev.remotecache.mock.internal.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The costliest tree per byte bounds what the count gives for any body. */
class JsonTreeCostTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{}",
        "[]",
        "\"\"",
        "0",
        "[{},{},{}]",
        "{\"\":{}}",
        "{\"\":{\"\":{\"\":{}}}}",
        "{\"\":0}",
        "[[[[[]]]]]",
        "[0,0,0,0,0]",
        "[\"\",\"\",\"\"]",
        "[null,true,false]",
        "{\"a\":{},\"b\":[],\"c\":\"\"}",
        "[{\"sessionId\":\"56699e9f-0892-44d5-b956-3f2ddfd4512e\",\"source\":\"LOCAL\",\"event\":\"HIT\",\"hash\":\"6304b9faf99a2e19\",\"duration\":0}]"
      })
  void noBodyCostsMoreThanTheMostPerByte(String json) {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    long cost = JsonTreeCost.of(body);
    assertTrue(
        cost <= (long) body.length * JsonTreeCost.MOST_PER_BODY_BYTE,
        json + " costs " + cost + " for " + body.length + " bytes");
  }

  @Test
  void anEmptyObjectAloneCostsTheMost() {
    assertEquals(
        2L * JsonTreeCost.MOST_PER_BODY_BYTE,
        JsonTreeCost.of("{}".getBytes(StandardCharsets.UTF_8)));
  }
}
