package dev.remotecache.contract.generative;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.remotecache.contract.ConformanceCheck;
import dev.remotecache.contract.ConformanceReport;
import dev.remotecache.contract.ConformanceSuite;
import dev.remotecache.contract.core.ApiContract;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The conformance suite holds every answer to the spec, the artifact round trip's too: a content
 * type the spec does not declare for the operation and status, a declared header whose value breaks
 * its schema, each planted in an otherwise correct server, is a deviation naming it.
 */
class ConformanceResponseChecksTest {

  private static final ApiContract CONTRACT = ApiContract.load();

  @Test
  void theCorrectServerConforms() throws Exception {
    try (PlantedFaultServer server = new PlantedFaultServer(CONTRACT)) {
      ConformanceReport report = run(server);
      assertTrue(report.deviations().isEmpty(), report.toMarkdown());
    }
  }

  @Test
  void aDownloadLabelledWithAnUndeclaredContentTypeDeviates() throws Exception {
    assertDeviation(
        PlantedFaultServer.Fault.DOWNLOAD_AS_HTML, "downloadArtifact", "round trip", "text/html");
  }

  @Test
  void aDeclaredHeaderBreakingItsSchemaDeviates() throws Exception {
    assertDeviation(
        PlantedFaultServer.Fault.DURATION_NOT_A_NUMBER,
        "downloadArtifact",
        "round trip",
        "validation.response.header.schema");
  }

  @Test
  void anUploadAnsweredInTextDeviates() throws Exception {
    assertDeviation(
        PlantedFaultServer.Fault.UPLOAD_ANSWERED_IN_TEXT,
        "uploadArtifact",
        "round trip: upload",
        "text/plain");
  }

  @Test
  void aStatusAnswerLabelledTextDeviates() throws Exception {
    assertDeviation(PlantedFaultServer.Fault.WRONG_CONTENT_TYPE, "status", "example", "text/plain");
  }

  private static void assertDeviation(
      PlantedFaultServer.Fault fault, String operationId, String check, String named)
      throws Exception {
    try (PlantedFaultServer server = new PlantedFaultServer(CONTRACT, fault)) {
      ConformanceReport report = run(server);
      List<ConformanceCheck> found =
          report.deviations().stream()
              .filter(c -> c.operationId().equals(operationId) && c.check().contains(check))
              .filter(c -> c.detail().contains(named))
              .toList();
      assertTrue(!found.isEmpty(), fault + " must be seen:\n" + report.toMarkdown());
    }
  }

  private static ConformanceReport run(PlantedFaultServer server) {
    return ConformanceSuite.run(CONTRACT, server.baseUrl(), "secret", "conformance");
  }
}
