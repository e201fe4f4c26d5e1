package dev.remotecache.contract.generative;

import com.fasterxml.jackson.databind.JsonNode;
import dev.remotecache.contract.ConstraintCase;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;

/**
 * Generates request sequences over several teams, following the spec's links: an upload's hash
 * feeds the operations its links name (download, HEAD, overwrite, the query's and the events'
 * body), mostly for the same team, sometimes for another (which must not see it). Values come from
 * the schemas (optional headers half the time, boundary values as jqwik's edge cases), binary
 * bodies from 0 bytes to several MB, event batches from empty to 10 000 items; some requests go
 * without a token, and some break one rule of the spec (a {@link ConstraintCase}).
 */
final class SequenceGenerator {

  /** The operation that stores what the others read: the source of the links. */
  static final String PRODUCER = "uploadArtifact";

  private final SeededDraws draws;
  private final SchemaValues values;
  private final ApiOperations operations;
  private final LinkRules links;
  private final Map<String, List<ConstraintCase>> invalidByOperation = new LinkedHashMap<>();
  private final List<String> weightedOperations = new ArrayList<>();
  private final Arbitrary<String> hashes;
  private final Arbitrary<Integer> uploadSizes;
  private final Arbitrary<Integer> batchLimits;

  SequenceGenerator(
      SeededDraws draws,
      SchemaValues values,
      ApiOperations operations,
      LinkRules links,
      List<ConstraintCase> invalid,
      int maxUploadBytes) {
    this.draws = draws;
    this.values = values;
    this.operations = operations;
    this.links = links;
    invalid.forEach(
        c ->
            invalidByOperation
                .computeIfAbsent(c.request().operationId(), k -> new ArrayList<>())
                .add(c));
    for (String id : operations.ids()) {
      int weight =
          id.equals(PRODUCER)
              ? 4
              : links.pathHashConsumers.contains(id)
                  ? 3
                  : links.bodyHashPointers.containsKey(id) ? 2 : 1;
      for (int i = 0; i < weight; i++) {
        weightedOperations.add(id);
      }
    }
    Parameter hashParameter =
        operations.get(PRODUCER).parameters().stream()
            .filter(p -> "path".equals(p.getIn()))
            .findFirst()
            .orElseThrow();
    hashes = values.strings(hashParameter.getSchema(), false);
    int large = Math.max(0, maxUploadBytes);
    uploadSizes =
        Arbitraries.frequencyOf(
            Tuple.of(2, Arbitraries.just(0)),
            Tuple.of(10, Arbitraries.integers().between(1, Math.min(1024, large))),
            Tuple.of(4, Arbitraries.integers().between(0, Math.min(65_536, large))),
            Tuple.of(1, Arbitraries.integers().between(0, large)));
    batchLimits =
        Arbitraries.frequencyOf(
            Tuple.of(20, Arbitraries.just(5)),
            Tuple.of(4, Arbitraries.just(100)),
            Tuple.of(1, Arbitraries.just(10_000)));
  }

  private final Map<Integer, Arbitrary<Integer>> lengths = new java.util.HashMap<>();
  private final Arbitrary<Double> rolls = Arbitraries.doubles().between(0, 1);
  private final Arbitrary<String> uploadTokens =
      Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(8);

  /** A sequence of 1 to {@code maxLength} steps. */
  List<Step> sequence(int maxLength) {
    int length =
        draws.draw(
            lengths.computeIfAbsent(maxLength, max -> Arbitraries.integers().between(1, max)));
    List<String> pool = new ArrayList<>();
    int poolSize = 1 + draws.below(3);
    for (int i = 0; i < poolSize; i++) {
      pool.add(draws.draw(hashes));
    }
    List<Stored> uploaded = new ArrayList<>();
    List<Step> steps = new ArrayList<>();
    for (int i = 0; i < length; i++) {
      Step step = step(pool, uploaded);
      steps.add(step);
      if (step.kind() == Step.Kind.VALID && step.operationId().equals(PRODUCER)) {
        uploaded.add(new Stored(step.hash(), step.team()));
      } else if (step.kind() == Step.Kind.VALID
          && operations.get(step.operationId()).method().equals("DELETE")) {
        uploaded.removeIf(s -> s.team() == step.team());
      }
    }
    return steps;
  }

  private record Stored(String hash, int team) {}

  private Step step(List<String> pool, List<Stored> uploaded) {
    String operationId = draws.pick(weightedOperations);
    ApiOperations.ApiOperation operation = operations.get(operationId);
    int team = draws.below(TeamSpace.TEAMS);
    double roll = draws.draw(rolls);
    List<ConstraintCase> invalid = invalidByOperation.getOrDefault(operationId, List.of());
    if (roll < 0.06 && operation.secured()) {
      return valid(operation, team, pool, uploaded, Step.Kind.NO_TOKEN);
    }
    if (roll < 0.16 && !invalid.isEmpty()) {
      ConstraintCase broken = draws.pick(invalid);
      return new Step(
          Step.Kind.INVALID,
          operationId,
          team,
          null,
          Map.of(),
          null,
          null,
          broken,
          broken.in()
              + " "
              + (broken.at().isEmpty() ? "(whole body)" : broken.at())
              + " "
              + broken.rule());
    }
    return valid(operation, team, pool, uploaded, Step.Kind.VALID);
  }

  private Step valid(
      ApiOperations.ApiOperation operation,
      int team,
      List<String> pool,
      List<Stored> uploaded,
      Step.Kind kind) {
    String id = operation.operationId();
    String hash = null;
    if (operation.hasPathParameter("hash")) {
      if (links.pathHashConsumers.contains(id) && !uploaded.isEmpty() && draws.chance(0.75)) {
        Stored earlier = draws.pick(uploaded);
        hash = earlier.hash();
        // Following the link means the same team; now and then another team asks, which must not
        // see it.
        team = draws.chance(0.8) ? earlier.team() : draws.below(TeamSpace.TEAMS);
      } else {
        hash = draws.pick(pool);
      }
    }
    Map<String, String> headers = new LinkedHashMap<>();
    for (Parameter parameter : operation.parameters()) {
      if ("header".equals(parameter.getIn()) && draws.chance(0.5)) {
        JsonNode value = draws.draw(values.valid(parameter.getSchema(), true, 1));
        headers.put(parameter.getName(), value.isTextual() ? value.asText() : value.toString());
      }
    }
    Step.Upload upload = null;
    JsonNode json = null;
    var content = operation.requestContent();
    if (content.isPresent() && content.get().getKey().contains("json")) {
      Schema<?> schema = content.get().getValue().getSchema();
      List<String> linked = links.bodyHashPointers.getOrDefault(id, List.of());
      json =
          draws
              .draw(
                  values.valid(
                      schema, false, draws.draw(batchLimits), java.util.Set.copyOf(linked)))
              .deepCopy();
      for (String pointer : links.bodyHashPointers.getOrDefault(id, List.of())) {
        LinkRules.fill(
            json,
            pointer,
            () ->
                !uploaded.isEmpty() && draws.chance(0.6)
                    ? draws.pick(uploaded).hash()
                    : draws.pick(pool));
      }
    } else if (content.isPresent()) {
      String token = draws.draw(uploadTokens);
      upload = new Step.Upload(token, draws.draw(uploadSizes));
    }
    return new Step(kind, id, team, hash, headers, upload, json, null, null);
  }
}
