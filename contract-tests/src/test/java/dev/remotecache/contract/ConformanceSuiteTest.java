package dev.remotecache.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.remotecache.contract.core.ApiContract;
import dev.remotecache.mock.junit.RemoteCacheMockExtension;
import dev.remotecache.mock.overrides.FaultRule;
import dev.remotecache.mock.overrides.ForcedResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The conformance suite passes against the mock, and sees a server that departs from the spec. */
class ConformanceSuiteTest {

    @RegisterExtension
    static RemoteCacheMockExtension mock = new RemoteCacheMockExtension();

    @Test
    void theMockConformsOnEveryCheck() throws Exception {
        ConformanceReport report = ConformanceSuite.run(ApiContract.load(), mock.baseUrl(), "t", "conformance");
        Files.writeString(Path.of("target/conformance-report-mock.md"), report.toMarkdown());
        assertEquals(List.of(), report.deviations(), report.toMarkdown());
        assertTrue(report.checks().size() > 60, "every operation and constraint is checked: " + report.checks().size());
        assertTrue(report.toMarkdown().contains("| body /0/source enum | 400 | 400 | conforms |"), report.toMarkdown());
    }

    @Test
    void aServerThatMisbehavesIsReportedCheckByCheck() {
        // The mock made to misbehave the way some servers do: a 200 where 202 is due, a 500 on status.
        mock.injectFault(FaultRule.serverError("status", 500));
        mock.forceResponse(ForcedResponse.of("deleteAllArtifacts", 403));
        ConformanceReport report = ConformanceSuite.run(ApiContract.load(), mock.baseUrl(), "t", "conformance");
        assertTrue(report.deviatesOn("status", "the spec's example"), report.toMarkdown());
        assertTrue(report.deviatesOn("deleteAllArtifacts", "delete all"), report.toMarkdown());
        assertTrue(report.toMarkdown().contains("**deviates**"));
    }
}
