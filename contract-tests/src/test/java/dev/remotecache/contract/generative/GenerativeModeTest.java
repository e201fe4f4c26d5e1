package dev.remotecache.contract.generative;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.remotecache.contract.core.ApiContract;
import dev.remotecache.mock.RemoteCacheMock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.w3c.dom.Document;

/**
 * The generative mode finds each fault planted in a server of the tests' own and shrinks it to at
 * most three requests; finds nothing wrong with that server without faults; and holds the mock to 2
 * 000+ generated requests in 200+ sequences. Every run is seeded, so a failure here reproduces.
 */
@Tag("generative")
class GenerativeModeTest {

  private static final ApiContract CONTRACT = ApiContract.load();
  private static final PrintStream QUIET =
      new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

  /** Which property each planted fault must break. */
  private static final Map<PlantedFaultServer.Fault, Set<Property>> EXPECTED =
      Map.of(
          PlantedFaultServer.Fault.WRONG_BYTES_AFTER_OVERWRITE, Set.of(Property.STORED_COMES_BACK),
          PlantedFaultServer.Fault.LEAKED_TEAMS, Set.of(Property.TEAMS_ISOLATED),
          PlantedFaultServer.Fault.SERVER_ERROR_ON_EMPTY_ARTIFACT, Set.of(Property.NO_SERVER_ERROR),
          PlantedFaultServer.Fault.MISSING_DURATION_HEADER,
              Set.of(Property.STORED_COMES_BACK, Property.MATCHES_SPEC),
          PlantedFaultServer.Fault.WRONG_CONTENT_TYPE, Set.of(Property.MATCHES_SPEC),
          PlantedFaultServer.Fault.DOWNLOAD_AS_HTML, Set.of(Property.MATCHES_SPEC),
          PlantedFaultServer.Fault.DURATION_NOT_A_NUMBER, Set.of(Property.MATCHES_SPEC),
          PlantedFaultServer.Fault.UPLOAD_ANSWERED_IN_TEXT, Set.of(Property.MATCHES_SPEC));

  private static GenerativeRun.Options options(String baseUrl, long seed, int sequences) {
    return GenerativeRun.Options.defaults(baseUrl, "t", seed, sequences)
        .withBudget(20_000, 120)
        .withMaxUploadBytes(3 * 1024 * 1024);
  }

  @ParameterizedTest
  @EnumSource(PlantedFaultServer.Fault.class)
  void eachPlantedFaultIsFoundAndShrunkToAtMostThreeRequests(PlantedFaultServer.Fault fault)
      throws Exception {
    try (PlantedFaultServer server = new PlantedFaultServer(CONTRACT, fault)) {
      GenerativeReport report =
          GenerativeRun.run(CONTRACT, options(server.baseUrl(), 20261129L, 60), QUIET);
      Files.writeString(Path.of("target/generative-planted-" + fault + ".md"), report.toMarkdown());
      Finding finding =
          report.findings().stream()
              .filter(f -> EXPECTED.get(fault).contains(f.property()))
              .findFirst()
              .orElseThrow(() -> new AssertionError(fault + " not found:\n" + report.toMarkdown()));
      assertTrue(
          finding.requests() <= 3,
          fault + " shrunk to " + finding.requests() + " requests:\n" + report.toMarkdown());
      // The reproduction is the requests as curl lines, after a line that sets BASE and TOKEN.
      assertEquals(finding.requests() + 1, report.script(finding).size());
      assertTrue(report.script(finding).stream().skip(1).allMatch(line -> line.contains("curl ")));
      assertTrue(report.toMarkdown().contains("--seed 20261129"), report.toMarkdown());
    }
  }

  @Test
  void aServerWithoutFaultsBreaksNoProperty() throws Exception {
    try (PlantedFaultServer server = new PlantedFaultServer(CONTRACT)) {
      GenerativeReport report =
          GenerativeRun.run(CONTRACT, options(server.baseUrl(), 7L, 120), QUIET);
      Files.writeString(Path.of("target/generative-planted-none.md"), report.toMarkdown());
      assertEquals(List.of(), report.findings(), report.toMarkdown());
      for (Property property : Property.values()) {
        assertTrue(report.checked().getOrDefault(property, 0) > 0, property + " never checked");
      }
      assertEquals(report.teamsUsed(), report.cleanedTeams(), "every team used is cleaned up");
    }
  }

  /**
   * The mock, 250 seeded sequences: no finding at all (empty artifacts and long hashes included).
   */
  @Test
  void theMockHoldsOverTwoThousandGeneratedRequests() throws Exception {
    RemoteCacheMock mock = RemoteCacheMock.builder().port(0).build().start();
    try {
      GenerativeReport report =
          GenerativeRun.run(CONTRACT, options(mock.baseUrl(), 1L, 250), QUIET);
      Files.writeString(Path.of("target/generative-mock.md"), report.toMarkdown());
      Files.writeString(Path.of("target/generative-mock.xml"), report.toJUnitXml());
      System.out.println("[measure] generative vs mock: " + report.summary());
      assertTrue(report.sequences() >= 200, report.summary());
      assertTrue(report.generatedRequests() >= 2000, report.summary());
      assertEquals(List.of(), report.findings(), report.toMarkdown());
      Document junit =
          DocumentBuilderFactory.newInstance()
              .newDocumentBuilder()
              .parse(
                  new java.io.ByteArrayInputStream(
                      report.toJUnitXml().getBytes(StandardCharsets.UTF_8)));
      assertEquals(Property.values().length, junit.getElementsByTagName("testcase").getLength());
    } finally {
      mock.stop();
    }
  }

  /**
   * The fixed suite checks every header and content type the spec declares, not only status and
   * body.
   */
  @Test
  void theFixedSuiteSeesAMissingHeaderAndAWrongContentType() throws Exception {
    try (PlantedFaultServer server =
        new PlantedFaultServer(
            CONTRACT,
            PlantedFaultServer.Fault.MISSING_DURATION_HEADER,
            PlantedFaultServer.Fault.WRONG_CONTENT_TYPE)) {
      var report =
          dev.remotecache.contract.ConformanceSuite.run(CONTRACT, server.baseUrl(), "t", "fixed");
      assertTrue(report.deviatesOn("status", "the spec's example request"), report.toMarkdown());
      assertTrue(
          report.deviations().stream().anyMatch(c -> c.detail().contains("text/plain")),
          report.toMarkdown());
      assertTrue(
          report.deviatesOn("downloadArtifact", "round trip: the same bytes back"),
          report.toMarkdown());
    }
    try (PlantedFaultServer server = new PlantedFaultServer(CONTRACT)) {
      var report =
          dev.remotecache.contract.ConformanceSuite.run(CONTRACT, server.baseUrl(), "t", "fixed");
      assertTrue(report.conforms(), report.toMarkdown());
    }
  }

  @Test
  void aDryRunPrintsTheSameRequestsForTheSameSeedAndSendsNothing() {
    String first = dryRun(42L);
    String second = dryRun(42L);
    assertTrue(first.contains("curl "), first);
    assertTrue(first.lines().filter(l -> l.contains("curl ")).count() >= 20, first);
    // The team names carry the run's time tag; everything else is the seed's.
    assertEquals(withoutTeams(first), withoutTeams(second));
    assertTrue(!withoutTeams(first).equals(withoutTeams(dryRun(43L))));
  }

  private static String dryRun(long seed) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    // Port 9 (discard) on this machine: nothing must be sent there at all.
    GenerativeReport report =
        GenerativeRun.run(
            CONTRACT,
            options("http://127.0.0.1:9", seed, 10).withDryRun(true).withMaxUploadBytes(4096),
            new PrintStream(out, true, StandardCharsets.UTF_8));
    assertEquals(0, report.requests());
    return out.toString(StandardCharsets.UTF_8);
  }

  private static String withoutTeams(String script) {
    return script
        .replaceAll("rcc-?gen[0-9a-z]+x[0-9]+", "TEAM")
        .replaceAll("rcc-gen-[0-9a-z]+x[0-9]+", "TEAM");
  }
}
