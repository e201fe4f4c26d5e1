package dev.remotecache.mock.internal.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.remotecache.client.model.Violation;
import dev.remotecache.client.model.ViolationLocation;
import dev.remotecache.contract.core.JUnitXml;
import dev.remotecache.mock.coverage.ContractCoverage;
import dev.remotecache.mock.journal.ServerDeviation;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The verdict behind a validating proxy: the real server's deviations break the contract too. */
class ContractVerdictTest {

  @Test
  void aServerDeviationBreaksTheContractAndGetsAFailingCase() {
    Violation missingHeader =
        new Violation()
            .in(ViolationLocation.HEADER)
            .at("x-artifact-duration")
            .rule("required")
            .message("is required");
    CheckInput input =
        new CheckInput(
            List.of(),
            List.of(
                new ServerDeviation(
                    Instant.EPOCH, "GET", "/v8/artifacts/abc", 200, List.of(missingHeader))),
            List.of(),
            new ContractCoverage(List.of(), 0));

    ContractVerdict verdict = ContractVerdict.of(input, Requirements.none(), "http://proxy");

    assertEquals(ContractVerdict.EXIT_BROKEN, verdict.exitCode());
    JUnitXml.Case deviation = verdict.cases().get(0);
    assertEquals("remote-cache-check.deviations", deviation.className());
    assertEquals("header x-artifact-duration: required", deviation.failure());
    assertTrue(verdict.summary().contains("1 server deviations"), verdict.summary());
    assertTrue(
        verdict.summary().startsWith("remote-cache-mock check: the contract is BROKEN: 1 server"),
        verdict.summary());
  }

  @Test
  void anUnmetRequirementAloneFailsTheCheckButDoesNotCallTheContractBroken() {
    CheckInput input =
        new CheckInput(List.of(), List.of(), List.of(), new ContractCoverage(List.of(), 0));
    Requirements requirements =
        Requirements.parse(
            List.of("recordEvents"), List.of("recordEvents"), List.of(), List.of(), List.of());

    ContractVerdict verdict = ContractVerdict.of(input, requirements, "http://mock");

    assertEquals(ContractVerdict.EXIT_BROKEN, verdict.exitCode());
    assertEquals(
        "the contract holds, but the check FAILED: 1 of 1 requirement not met", verdict.headline());
    assertTrue(
        CheckReports.markdown(verdict).contains("**The contract holds, but the check FAILED"),
        CheckReports.markdown(verdict));
  }
}
