package dev.remotecache.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * WireMock's admin API as a Node project uses it: wiremock-captain (from npm, pinned in
 * src/test/interop) registers a stub with the launched jar and it is served after the contract
 * check; a stub the spec does not allow is refused with its violation, and never listed.
 */
@Tag("system")
class WireMockNodeClientTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @BeforeAll
  static void installTheClient() throws Exception {
    InteropPackages.install();
  }

  @Test
  void aNodeWireMockClientRegistersAServedStubAndMeetsARefusal() throws Exception {
    try (MockProcess mock = MockProcess.started("--port", "0", "--quiet")) {
      Commands.Output output =
          Commands.succeed(
              InteropPackages.DIR,
              Map.of(),
              120,
              "node",
              "wiremock-stubs.mjs",
              mock.baseUrl(),
              "secrettoken");
      JsonNode report = JSON.readTree(output.stdout());

      assertTrue(report.at("/served/id").isTextual(), report.toString());
      assertEquals(200, report.at("/answer/status").asInt(), report.toString());
      assertEquals("paused", report.at("/answer/body/status").asText(), report.toString());

      JsonNode refusal = report.at("/refused/error");
      assertEquals("bad_request", refusal.path("code").asText(), report.toString());
      assertTrue(refusal.path("message").asText().contains("418"), report.toString());
      assertEquals("enum", refusal.at("/violations/0/rule").asText(), report.toString());
      assertEquals(1, report.get("mappings").asInt(), "the refused stub is never listed");
      assertEquals(1, report.get("requests").asInt(), "WireMock's journal has the request");
    }
  }
}
