package dev.remotecache.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.remotecache.contract.core.ApiContract;
import dev.remotecache.mock.junit.RemoteCacheMockExtension;
import dev.remotecache.mock.overrides.FaultRule;
import dev.remotecache.mock.overrides.ForcedResponse;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The conformance suite passes against the mock, and sees a server that departs from the spec. */
class ConformanceSuiteTest {

  @RegisterExtension static RemoteCacheMockExtension mock = new RemoteCacheMockExtension();

  @Test
  void theMockConformsOnEveryCheck() throws Exception {
    ConformanceReport report =
        ConformanceSuite.run(ApiContract.load(), mock.baseUrl(), "t", "conformance");
    Files.writeString(Path.of("target/conformance-report-mock.md"), report.toMarkdown());
    assertEquals(List.of(), report.deviations(), report.toMarkdown());
    assertTrue(
        report.checks().size() > 60,
        "every operation and constraint is checked: " + report.checks().size());
    assertTrue(
        report.toMarkdown().contains("| body /0/source enum | 400 | 400 | conforms |"),
        report.toMarkdown());
    JUnitXmlReports.assertOneTestCasePerCheck(report);
  }

  @Test
  void oneOperationsChecksAndNoDeletingOnes() {
    ConformanceReport upload =
        ConformanceSuite.run(
            ApiContract.load(),
            mock.baseUrl(),
            "t",
            "conformance",
            new ConformanceSuite.Selection(List.of("uploadArtifact"), false));
    assertTrue(upload.checks().size() > 5, upload.toMarkdown());
    assertTrue(
        upload.checks().stream().allMatch(c -> c.operationId().equals("uploadArtifact")),
        upload.toMarkdown());
    assertTrue(upload.conforms(), upload.toMarkdown());

    mock.reset();
    ConformanceReport keep =
        ConformanceSuite.run(
            ApiContract.load(),
            mock.baseUrl(),
            "t",
            "conformance",
            new ConformanceSuite.Selection(List.of(), true));
    assertTrue(
        keep.checks().stream().noneMatch(c -> c.operationId().equals("deleteAllArtifacts")),
        keep.toMarkdown());
    mock.verify().requests("deleteAllArtifacts").hasCount(0);
  }

  @Test
  void exitCodesAndOneLineErrors() throws Exception {
    PrintStream realErr = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      assertEquals(2, ConformanceSuite.execute("--base-url", "localhost:3000", "--token", "t"));
      assertEquals(2, ConformanceSuite.execute("--base-url", "http://127.0.0.1:1", "--token", "t"));
      assertEquals(
          2,
          ConformanceSuite.execute(
              "--base-url", mock.baseUrl(), "--token", "t", "--operation", "nope"));
      assertEquals(2, ConformanceSuite.execute("--bse-url", mock.baseUrl()));
      assertEquals(
          2,
          ConformanceSuite.execute(
              "--base-url", mock.baseUrl(), "--token", "t", "--generate", "1", "--no-delete"));
      try (RefusingServer refusing = new RefusingServer()) {
        assertEquals(2, ConformanceSuite.execute("--base-url", refusing.url(), "--token", "t"));
      }
      assertEquals(0, ConformanceSuite.execute("--version"));
      assertEquals(0, ConformanceSuite.execute("--help"));
    } finally {
      System.setErr(realErr);
    }
    String said = err.toString(StandardCharsets.UTF_8);
    assertTrue(said.contains("error: --base-url must be an http or https URL"), said);
    assertTrue(said.contains("error: cannot reach http://127.0.0.1:1: connection refused"), said);
    assertTrue(said.contains("error: --operation nope is not an operation of the spec"), said);
    assertTrue(said.contains("error: the server refuses the token: 401"), said);
    assertTrue(said.contains("error: --operation and --no-delete apply to the fixed suite"), said);
    assertTrue(!said.contains("\tat "), "no stack trace:\n" + said);
  }

  @Test
  void theCommandLineWritesThreeReportsAndWarnsBeforeDeleting(
      @org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    PrintStream realErr = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      assertEquals(
          0,
          ConformanceSuite.execute(
              "--base-url",
              mock.baseUrl(),
              "--token",
              "t",
              "--report",
              dir.resolve("out/report.md").toString()));
    } finally {
      System.setErr(realErr);
    }
    assertTrue(
        err.toString(StandardCharsets.UTF_8)
            .contains("WARNING: this run deletes every artifact of team 'conformance'"));
    assertTrue(
        Files.readString(dir.resolve("out/report.md")).contains("checks conform; 0 deviate"));
    assertTrue(Files.readString(dir.resolve("out/report.xml")).contains("<testsuite"));
    assertTrue(Files.readString(dir.resolve("out/report.json")).contains("\"conforms\" : true"));
  }

  /** Answers every request 401, as a server does that does not know the token. */
  private static final class RefusingServer implements AutoCloseable {
    private final com.sun.net.httpserver.HttpServer server;

    RefusingServer() throws java.io.IOException {
      server =
          com.sun.net.httpserver.HttpServer.create(
              new java.net.InetSocketAddress("127.0.0.1", 0), 8);
      server.createContext(
          "/",
          exchange -> {
            exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer");
            exchange.sendResponseHeaders(401, -1);
            exchange.close();
          });
      server.start();
    }

    String url() {
      return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }

  @Test
  void aServerThatMisbehavesIsReportedCheckByCheck() {
    // The mock made to misbehave the way some servers do: a 200 where 202 is due, a 500 on status.
    mock.injectFault(FaultRule.serverError("status", 500));
    mock.forceResponse(ForcedResponse.of("deleteAllArtifacts", 403));
    ConformanceReport report =
        ConformanceSuite.run(ApiContract.load(), mock.baseUrl(), "t", "conformance");
    assertTrue(report.deviatesOn("status", "the spec's example"), report.toMarkdown());
    assertTrue(report.deviatesOn("deleteAllArtifacts", "delete all"), report.toMarkdown());
    assertTrue(report.toMarkdown().contains("**deviates**"));
  }
}
