package dev.remotecache.mock.cli;

import dev.remotecache.contract.core.ApiContract;
import dev.remotecache.mock.internal.check.AdminApiReader;
import dev.remotecache.mock.internal.check.ContractVerdict;
import dev.remotecache.mock.internal.check.Requirements;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code remote-cache-mock check --url URL}: asks a running mock whether the contract held, for a
 * CI step. Reads its admin API (rejections, deviations, events, coverage), checks the requirements
 * given, prints a short summary and writes the reports.
 */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    versionProvider = MockServerCommand.Version.class,
    description = {
      "Asks a running mock whether the contract held: exits 1 when it rejected a request (or,"
          + " behind --proxy, the real server broke the spec) or a requirement is not met.",
      "Writes remote-cache-check.xml (JUnit), .json and .md into --reports DIR."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the contract held and every requirement is met",
      "1:the mock rejected requests, the real server deviated, or a requirement is not met",
      "2:invalid command line, the mock cannot be reached, or the admin token was refused"
    })
public final class CheckCommand implements Callable<Integer> {

  @Option(
      names = "--url",
      paramLabel = "URL",
      description =
          "The running mock's base URL (a path is ignored: its admin API is at the root)."
              + " Default: ${DEFAULT-VALUE}.")
  URI url = URI.create("http://127.0.0.1:7878");

  @Option(
      names = "--admin-token",
      paramLabel = "TOKEN",
      description = "The mock's --admin-token, if it was started with one.")
  String adminToken;

  @Mixin ReportsOption reports;

  @Option(
      names = "--require-operation",
      paramLabel = "OPERATION",
      description = "Require at least one call of this operation (repeatable), e.g. recordEvents.")
  List<String> requiredOperations = new ArrayList<>();

  @Option(
      names = "--require-response",
      paramLabel = "OPERATION:STATUS",
      description =
          "Require that the client met this answer (repeatable): a status (404) or a class (4xx,"
              + " 5xx); OPERATION * means every operation it called, e.g. uploadArtifact:403,"
              + " '*:5xx'.")
  List<String> requiredResponses = new ArrayList<>();

  @Option(
      names = "--require-event",
      paramLabel = "[SOURCE:]EVENT",
      description = "Require at least one such event (repeatable), e.g. REMOTE:HIT or MISS.")
  List<String> requiredEvents = new ArrayList<>();

  @Option(
      names = "--forbid-event",
      paramLabel = "[SOURCE:]EVENT",
      description = "Require that no such event was recorded (repeatable), e.g. REMOTE:MISS.")
  List<String> forbiddenEvents = new ArrayList<>();

  @Override
  public Integer call() {
    Requirements requirements;
    AdminApiReader mock;
    try {
      boolean namesOperations = !requiredOperations.isEmpty() || !requiredResponses.isEmpty();
      // The spec is read (a second or so) only to check the operation names given.
      List<String> operationIds =
          namesOperations
              ? ApiContract.load().routes().stream().map(ApiContract.Route::operationId).toList()
              : List.of();
      requirements =
          Requirements.parse(
              operationIds, requiredOperations, requiredResponses, requiredEvents, forbiddenEvents);
      mock = new AdminApiReader(url, adminToken);
      AdminApiReader.ignoredPath(url)
          .ifPresent(
              path ->
                  System.err.println(
                      "remote-cache-mock check: --url "
                          + url
                          + ": the admin API is at the mock's root; asking it there, not under "
                          + path));
    } catch (IllegalArgumentException e) {
      System.err.println("remote-cache-mock check: " + e.getMessage());
      return ContractVerdict.EXIT_USAGE_OR_CONNECTION;
    }
    ContractVerdict verdict;
    try {
      verdict = ContractVerdict.of(mock.read(), requirements, url.toString());
    } catch (AdminApiReader.Unreachable e) {
      System.err.println("remote-cache-mock check: " + e.getMessage());
      return ContractVerdict.EXIT_USAGE_OR_CONNECTION;
    }
    System.out.print(verdict.summary());
    return reports.write(verdict, "remote-cache-mock check");
  }
}
