package dev.remotecache.mock.cli;

import dev.remotecache.contract.core.ApiContract;
import dev.remotecache.mock.MockSettings;
import dev.remotecache.mock.internal.check.CheckInput;
import dev.remotecache.mock.internal.check.ContractVerdict;
import dev.remotecache.mock.internal.check.Requirements;
import dev.remotecache.mock.internal.http.MockJson;
import dev.remotecache.mock.internal.proxy.ValidatingProxy;
import dev.remotecache.mock.internal.record.CorpusEntry;
import dev.remotecache.mock.internal.record.CorpusFile;
import dev.remotecache.mock.internal.record.Replay;
import dev.remotecache.mock.internal.tally.CoverageTally;
import dev.remotecache.mock.journal.ServerDeviation;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code remote-cache-mock replay --corpus FILE --url URL}: sends a recording ({@code --record}) to
 * any server, the mock or a real one, in order, and checks every answer against the spec and
 * against the recording, with the reports and exit codes of {@code check}.
 */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    versionProvider = MockServerCommand.Version.class,
    description = {
      "Sends a recording's requests (corpus.jsonl, written by --proxy URL --record DIR) to a"
          + " server, in order, and checks each answer against the spec and against the"
          + " recording: the status and, where the API decides them, headers, JSON bodies and"
          + " artifact bytes (by SHA-256).",
      "A departure from the spec the recording already has is known, not a failure. A status may"
          + " differ only where the recorded one is not documented (a server's 200 for a 202) and"
          + " the new answer meets the spec.",
      "Writes remote-cache-check.xml (JUnit), .json and .md into --reports DIR."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every answer meets the spec and the recording",
      "1:an answer breaks the spec anew, or differs from the recording",
      "2:invalid command line, an unreadable recording, or the server cannot be reached"
    })
public final class ReplayCommand implements Callable<Integer> {

  @Option(
      names = "--corpus",
      required = true,
      paramLabel = "FILE",
      description = "The recording's corpus.jsonl (its __files/ beside it).")
  Path corpus;

  @Option(
      names = "--url",
      required = true,
      paramLabel = "URL",
      description = "The server's base URL, e.g. http://127.0.0.1:7878.")
  URI url;

  @Option(
      names = "--token",
      paramLabel = "TOKEN",
      description =
          "The bearer token to send (recordings never hold one). Default: the recorded"
              + " placeholder, which a mock without --token accepts.")
  String token;

  @Mixin ReportsOption reports;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      description = "How long to wait to connect to the server. Default: ${DEFAULT-VALUE}.")
  long timeoutSeconds = 10;

  @Override
  public Integer call() throws InterruptedException {
    List<CorpusEntry> entries;
    try {
      if (token != null) {
        MockSettings.TOKENS.check(List.of(token));
      }
      if (url.getScheme() == null || url.getHost() == null) {
        throw new IllegalArgumentException("--url " + url + ": not an http URL with a host");
      }
      if (!Files.isRegularFile(corpus)) {
        throw new IllegalArgumentException("--corpus " + corpus + ": no such file");
      }
      entries = CorpusFile.read(corpus, MockJson.mapper());
    } catch (MockSettings.InvalidSetting e) {
      System.err.println("remote-cache-mock replay: " + SettingOptions.usageLine(e));
      return ContractVerdict.EXIT_USAGE_OR_CONNECTION;
    } catch (IllegalArgumentException | IOException e) {
      System.err.println("remote-cache-mock replay: " + e.getMessage());
      return ContractVerdict.EXIT_USAGE_OR_CONNECTION;
    }
    ApiContract contract = ApiContract.load();
    Replay replay =
        new Replay(
            contract,
            new ValidatingProxy(
                url,
                contract,
                Duration.ofSeconds(timeoutSeconds),
                MockSettings.MAX_VIOLATIONS.defaultValue()),
            token,
            corpus.toAbsolutePath().getParent(),
            MockJson.mapper());
    List<Replay.Outcome> outcomes = new ArrayList<>();
    for (CorpusEntry entry : entries) {
      try {
        outcomes.add(replay.replay(entry));
      } catch (Replay.BrokenRecording e) {
        System.err.println(
            "remote-cache-mock replay: exchange #" + entry.index() + ": " + e.getMessage());
        return ContractVerdict.EXIT_USAGE_OR_CONNECTION;
      } catch (IOException e) {
        System.err.println(
            "remote-cache-mock replay: cannot reach "
                + url
                + " (exchange #"
                + entry.index()
                + " "
                + entry.request().method()
                + " "
                + entry.request().url()
                + "): "
                + e);
        return ContractVerdict.EXIT_USAGE_OR_CONNECTION;
      }
    }
    ContractVerdict verdict = verdict(contract, outcomes, url.toString());
    System.out.print(verdict.summary());
    long known = outcomes.stream().filter(o -> !o.notes().isEmpty()).count();
    System.out.println(
        "  "
            + outcomes.size()
            + " exchanges replayed from "
            + corpus
            + "; "
            + outcomes.stream().filter(o -> o.differences().isEmpty()).count()
            + " as recorded; "
            + known
            + " with a note (a known deviation, or one the server no longer has)");
    return reports.write(verdict, "remote-cache-mock replay");
  }

  /**
   * The replay as a check's verdict: new departures from the spec are server deviations, each
   * exchange a requirement ("as recorded") of the group {@code exchanges}.
   */
  static ContractVerdict verdict(
      ApiContract contract, List<Replay.Outcome> outcomes, String target) {
    CoverageTally coverage = new CoverageTally(contract);
    List<ServerDeviation> deviations = new ArrayList<>();
    List<Requirements.Requirement> exchanges = new ArrayList<>();
    for (Replay.Outcome outcome : outcomes) {
      CorpusEntry entry = outcome.entry();
      coverage.count(
          new CoverageTally.Hit(
              entry.operationId(), outcome.status(), true, List.of(), null, null, null, null));
      if (!outcome.newViolations().isEmpty()) {
        deviations.add(
            new ServerDeviation(
                Instant.now(),
                entry.request().method(),
                entry.request().url(),
                outcome.status(),
                outcome.newViolations()));
      }
      String unmet =
          outcome.differences().isEmpty() ? null : String.join("; ", outcome.differences());
      exchanges.add(
          new Requirements.Requirement(
              "exchanges",
              outcome.name() + " answers as recorded",
              input -> Optional.ofNullable(unmet)));
    }
    CheckInput input = new CheckInput(List.of(), deviations, List.of(), coverage.snapshot());
    return ContractVerdict.of("replay", input, Requirements.of(exchanges), target);
  }
}
