package dev.remotecache.contract.generative;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.remotecache.contract.ConstraintCatalog;
import dev.remotecache.contract.SpecResponseCheck;
import dev.remotecache.contract.core.ApiContract;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The generative, stateful mode of the conformance suite: seeded sequences of generated requests
 * (valid ones from the schemas, invalid ones from the constraint catalog, some without a token)
 * over several teams of its own namespace, each answer checked against the spec and the state
 * model, each failure shrunk to a minimal sequence and reported as curl lines with its seed. Within
 * a request and time budget; deletes its teams' artifacts at the end.
 */
public final class GenerativeRun {

  /**
   * @param sequences how many sequences to generate
   * @param maxLength the longest sequence
   * @param namespace prefix of every team the run acts for
   * @param maxUploadBytes the largest artifact it uploads
   * @param maxShrinkReplays how many replays one finding's shrinking may take
   */
  public record Options(
      String baseUrl,
      String token,
      long seed,
      int sequences,
      int maxLength,
      long maxRequests,
      long maxSeconds,
      String namespace,
      int maxUploadBytes,
      int maxShrinkReplays,
      boolean dryRun) {

    public static Options defaults(String baseUrl, String token, long seed, int sequences) {
      return new Options(
          baseUrl, token, seed, sequences, 20, 20_000, 600, "rcc-gen", 5 * 1024 * 1024, 200, false);
    }

    public Options withBudget(long requests, long seconds) {
      return new Options(
          baseUrl,
          token,
          seed,
          sequences,
          maxLength,
          requests,
          seconds,
          namespace,
          maxUploadBytes,
          maxShrinkReplays,
          dryRun);
    }

    public Options withDryRun(boolean dry) {
      return new Options(
          baseUrl,
          token,
          seed,
          sequences,
          maxLength,
          maxRequests,
          maxSeconds,
          namespace,
          maxUploadBytes,
          maxShrinkReplays,
          dry);
    }

    public Options withNamespace(String prefix) {
      return new Options(
          baseUrl,
          token,
          seed,
          sequences,
          maxLength,
          maxRequests,
          maxSeconds,
          prefix,
          maxUploadBytes,
          maxShrinkReplays,
          dryRun);
    }

    public Options withMaxUploadBytes(int bytes) {
      return new Options(
          baseUrl,
          token,
          seed,
          sequences,
          maxLength,
          maxRequests,
          maxSeconds,
          namespace,
          bytes,
          maxShrinkReplays,
          dryRun);
    }
  }

  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private GenerativeRun() {}

  public static GenerativeReport run(ApiContract contract, Options options, PrintStream out) {
    String base =
        options.baseUrl().endsWith("/")
            ? options.baseUrl().substring(0, options.baseUrl().length() - 1)
            : options.baseUrl();
    var api = contract.openApi();
    ApiOperations operations = new ApiOperations(api);
    SeededDraws draws = new SeededDraws(options.seed());
    SequenceGenerator generator =
        new SequenceGenerator(
            draws,
            new SchemaValues(api),
            operations,
            new LinkRules(api, JSON, SequenceGenerator.PRODUCER),
            ConstraintCatalog.from(api, JSON).cases(),
            options.maxUploadBytes());
    // Team names differ from run to run (a run that was cut short may have left artifacts behind);
    // the requests themselves depend on the seed alone.
    String runTag = Long.toString(System.currentTimeMillis() % 2_176_782_336L, 36);
    AtomicInteger spaces = new AtomicInteger();
    java.util.function.Supplier<TeamSpace> freshSpace =
        () -> new TeamSpace(options.namespace(), runTag + "x" + spaces.incrementAndGet());
    Budget budget = new Budget(options.maxRequests(), options.maxSeconds());

    if (options.dryRun()) {
      return dryRun(options, generator, operations, freshSpace, budget, out);
    }
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    SequenceRunner runner =
        new SequenceRunner(
            http, base, options.token(), operations, new SpecResponseCheck(contract), JSON, budget);
    Shrinker shrinker = new Shrinker(runner, freshSpace, options.maxShrinkReplays());
    List<Finding> findings = new ArrayList<>();
    Set<Property> found = EnumSet.noneOf(Property.class);
    int sequencesRun = 0;
    int generatedRequests = 0;
    String stopped = null;
    try {
      for (int i = 0; i < options.sequences(); i++) {
        List<Step> steps = generator.sequence(options.maxLength());
        TeamSpace space = freshSpace.get();
        SequenceRunner.Outcome outcome = runner.run(steps, space, found);
        sequencesRun++;
        generatedRequests += Math.min(steps.size(), outcome.failedAt() + 1);
        if (outcome.failed()) {
          Finding finding =
              new Finding(
                  outcome.property(),
                  outcome.expected(),
                  outcome.actual(),
                  steps.subList(0, outcome.failedAt() + 1),
                  space,
                  outcome.failedAt() + 1,
                  options.seed());
          found.add(finding.property());
          Finding shrunk = shrinker.shrink(finding);
          findings.add(shrunk);
          out.println(
              "finding: "
                  + shrunk.property().title()
                  + " (sequence "
                  + (i + 1)
                  + ", shrunk from "
                  + finding.requests()
                  + " to "
                  + shrunk.requests()
                  + " requests)");
        }
      }
    } catch (Budget.Exhausted spent) {
      stopped = spent.getMessage();
    }
    long requests = budget.spent();
    int cleaned = cleanUp(http, base, options.token(), operations, runner.spacesUsed);
    return new GenerativeReport(
        base,
        options,
        sequencesRun,
        generatedRequests,
        requests,
        runner.checked,
        runner.seenAgain,
        findings,
        operations,
        stopped,
        cleaned,
        runner.spacesUsed.size() * TeamSpace.TEAMS);
  }

  private static GenerativeReport dryRun(
      Options options,
      SequenceGenerator generator,
      ApiOperations operations,
      java.util.function.Supplier<TeamSpace> freshSpace,
      Budget budget,
      PrintStream out) {
    out.println(
        "# dry run: nothing is sent. BASE="
            + options.baseUrl()
            + " TOKEN=<your token> seed "
            + options.seed());
    int sequences = 0;
    String stopped = null;
    try {
      for (int i = 0; i < options.sequences(); i++) {
        List<Step> steps = generator.sequence(options.maxLength());
        TeamSpace space = freshSpace.get();
        out.println("# sequence " + (i + 1) + " (" + steps.size() + " requests)");
        for (Step step : steps) {
          budget.spend();
          out.println(CurlScript.line(step, step.toRequest(operations, space)));
        }
        sequences++;
      }
    } catch (Budget.Exhausted spent) {
      stopped = spent.getMessage();
    }
    return new GenerativeReport(
        options.baseUrl(),
        options,
        sequences,
        (int) budget.spent(),
        0,
        Map.of(),
        Map.of(),
        List.of(),
        operations,
        stopped,
        0,
        0);
  }

  /**
   * Deletes the artifacts of every team the run used; returns how many deletes the server accepted.
   */
  private static int cleanUp(
      HttpClient http,
      String base,
      String token,
      ApiOperations operations,
      List<TeamSpace> spaces) {
    ApiOperations.ApiOperation delete = operations.get(StateModel.DELETE);
    int accepted = 0;
    for (TeamSpace space : spaces) {
      for (Map<String, String> selector : space.selectors()) {
        StringJoiner query = new StringJoiner("&", "?", "");
        selector.forEach(
            (k, v) ->
                query.add(
                    k
                        + "="
                        + java.net.URLEncoder.encode(v, java.nio.charset.StandardCharsets.UTF_8)));
        try {
          HttpResponse<Void> r =
              http.send(
                  HttpRequest.newBuilder(URI.create(base + delete.pathTemplate() + query))
                      .timeout(Duration.ofSeconds(10))
                      .header("Authorization", "Bearer " + token)
                      .method(delete.method(), HttpRequest.BodyPublishers.noBody())
                      .build(),
                  HttpResponse.BodyHandlers.discarding());
          if (r.statusCode() / 100 == 2) {
            accepted++;
          }
        } catch (IOException e) {
          // reported as a shortfall in the count
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return accepted;
        }
      }
    }
    return accepted;
  }
}
