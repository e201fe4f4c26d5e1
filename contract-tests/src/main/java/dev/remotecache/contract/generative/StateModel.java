package dev.remotecache.contract.generative;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a conforming server holds after the steps so far, per team, and what each answer must
 * therefore be: the state rules the spec's links describe. Names of headers and fields are the
 * spec's ({@code StateModelNamesTest} holds them to it).
 */
final class StateModel {

  static final String UPLOAD = "uploadArtifact";
  static final String DOWNLOAD = "downloadArtifact";
  static final String EXISTS = "artifactExists";
  static final String QUERY = "artifactQuery";
  static final String DELETE = "deleteAllArtifacts";

  static final String DURATION_HEADER = "x-artifact-duration";
  static final String TAG_HEADER = "x-artifact-tag";
  static final String SHA_HEADER = "x-artifact-sha";
  static final String DIRTY_HASH_HEADER = "x-artifact-dirty-hash";

  /** Query answer fields, with the upload header each one gives back. */
  static final Map<String, String> QUERY_FIELDS =
      Map.of(
          "taskDurationMs",
          DURATION_HEADER,
          "tag",
          TAG_HEADER,
          "sha",
          SHA_HEADER,
          "dirtyHash",
          DIRTY_HASH_HEADER);

  static final String QUERY_SIZE = "size";
  static final String QUERY_ERROR = "error";
  static final String DELETED_COUNT = "deletedCount";

  record Failure(Property property, String expected, String actual) {}

  private record Artifact(byte[] bytes, Map<String, String> headers) {
    BigDecimal duration() {
      String value = headers.get(DURATION_HEADER);
      return value == null ? BigDecimal.ZERO : new BigDecimal(value);
    }
  }

  private final List<Map<String, Artifact>> teams = new ArrayList<>();
  private final ObjectMapper json;

  StateModel(ObjectMapper json) {
    this.json = json;
    for (int i = 0; i < TeamSpace.TEAMS; i++) {
      teams.add(new HashMap<>());
    }
  }

  /**
   * Whatever the answer breaks of the state rules; then applies the step's effect (when the server
   * took it).
   */
  List<Failure> check(Step step, int successStatus, Answer answer) {
    List<Failure> failures = new ArrayList<>();
    if (step.kind() != Step.Kind.VALID) {
      return failures; // refusals change nothing; their status is checked by the caller
    }
    Map<String, Artifact> team = teams.get(step.team());
    boolean success = answer.status() / 100 == 2;
    switch (step.operationId()) {
      case UPLOAD -> {
        expectStatus(failures, successStatus, answer);
        if (success) {
          Map<String, String> metadata = new HashMap<>(step.headers());
          metadata
              .keySet()
              .retainAll(Set.of(DURATION_HEADER, TAG_HEADER, SHA_HEADER, DIRTY_HASH_HEADER));
          team.put(step.hash(), new Artifact(step.upload().bytes(), metadata));
        }
      }
      case DOWNLOAD -> checkRead(failures, step, team, answer, Property.STORED_COMES_BACK, true);
      case EXISTS -> checkRead(failures, step, team, answer, Property.HEAD_AGREES, false);
      case QUERY -> checkQuery(failures, step, team, answer, successStatus);
      case DELETE -> {
        expectStatus(failures, successStatus, answer);
        if (success) {
          long count = readTree(answer).path(DELETED_COUNT).asLong(-1);
          if (count != team.size()) {
            failures.add(
                new Failure(
                    Property.DELETE_EMPTIES,
                    DELETED_COUNT + " " + team.size(),
                    DELETED_COUNT + " " + count));
          }
          team.clear();
        }
      }
      default -> expectStatus(failures, successStatus, answer);
    }
    return failures;
  }

  private static void expectStatus(List<Failure> failures, int status, Answer answer) {
    if (answer.status() != status) {
      failures.add(
          new Failure(
              Property.VALID_SUCCEEDS,
              String.valueOf(status),
              answer.status() + " " + answer.brief()));
    }
  }

  private void checkRead(
      List<Failure> failures,
      Step step,
      Map<String, Artifact> team,
      Answer answer,
      Property property,
      boolean withBody) {
    Artifact stored = team.get(step.hash());
    if (stored == null) {
      if (answer.status() == 404) {
        return;
      }
      if (answer.status() / 100 == 2 && storedByAnotherTeam(step.team(), step.hash())) {
        failures.add(
            new Failure(
                Property.TEAMS_ISOLATED,
                "404: this team never stored " + step.hash(),
                answer.status() + ", another team's artifact"));
      } else if (answer.status() / 100 == 2) {
        failures.add(
            new Failure(
                property, "404: nothing stored under this hash", String.valueOf(answer.status())));
      } else {
        failures.add(
            new Failure(Property.VALID_SUCCEEDS, "404", answer.status() + " " + answer.brief()));
      }
      return;
    }
    if (answer.status() != 200) {
      failures.add(
          new Failure(
              property,
              "200: stored " + stored.bytes().length + " bytes",
              answer.status() + " " + answer.brief()));
      return;
    }
    List<String> wrong = new ArrayList<>();
    if (withBody && !Arrays.equals(stored.bytes(), answer.body())) {
      wrong.add(
          answer.body().length
              + " bytes that differ from the "
              + stored.bytes().length
              + " stored");
    }
    String duration = answer.header(DURATION_HEADER).orElse(null);
    if (duration == null || !sameNumber(duration, stored.duration())) {
      wrong.add(
          DURATION_HEADER
              + " "
              + (duration == null ? "missing" : duration)
              + " (stored "
              + stored.duration().toPlainString()
              + ")");
    }
    String tag = stored.headers().get(TAG_HEADER);
    if (tag != null && !tag.equals(answer.header(TAG_HEADER).orElse(null))) {
      wrong.add(
          TAG_HEADER + " " + answer.header(TAG_HEADER).orElse("missing") + " (stored " + tag + ")");
    }
    if (!wrong.isEmpty()) {
      failures.add(
          new Failure(
              property,
              "200 with the stored " + (withBody ? "bytes, " : "") + "duration and tag",
              String.join("; ", wrong)));
    }
  }

  private void checkQuery(
      List<Failure> failures,
      Step step,
      Map<String, Artifact> team,
      Answer answer,
      int successStatus) {
    if (answer.status() != successStatus) {
      expectStatus(failures, successStatus, answer);
      return;
    }
    JsonNode body = readTree(answer);
    Set<String> asked = new LinkedHashSet<>();
    step.json().path("hashes").forEach(h -> asked.add(h.asText()));
    for (String hash : asked) {
      JsonNode entry = body.path(hash);
      Artifact stored = team.get(hash);
      if (stored == null) {
        if (entry.has(QUERY_SIZE) && storedByAnotherTeam(step.team(), hash)) {
          failures.add(
              new Failure(
                  Property.TEAMS_ISOLATED,
                  hash + ": an error (this team never stored it)",
                  hash + ": " + entry));
        } else if (!entry.has(QUERY_ERROR) || entry.has(QUERY_SIZE)) {
          failures.add(
              new Failure(
                  Property.QUERY_AGREES,
                  hash + ": an error entry (nothing stored)",
                  hash + ": " + (entry.isMissingNode() ? "no entry" : entry.toString())));
        }
        continue;
      }
      List<String> wrong = new ArrayList<>();
      if (entry.path(QUERY_SIZE).asLong(-1) != stored.bytes().length) {
        wrong.add(
            QUERY_SIZE + " " + entry.path(QUERY_SIZE) + " (stored " + stored.bytes().length + ")");
      }
      QUERY_FIELDS.forEach(
          (field, header) -> {
            String sent = stored.headers().get(header);
            JsonNode given = entry.path(field);
            if (header.equals(DURATION_HEADER)) {
              if (!given.isNumber() || !sameNumber(given.asText(), stored.duration())) {
                wrong.add(
                    field + " " + given + " (stored " + stored.duration().toPlainString() + ")");
              }
            } else if (sent != null && !sent.equals(given.asText(null))) {
              wrong.add(field + " " + given + " (stored " + sent + ")");
            }
          });
      if (!wrong.isEmpty()) {
        failures.add(
            new Failure(
                Property.QUERY_AGREES,
                hash + ": what was stored",
                hash + ": " + String.join("; ", wrong)));
      }
    }
  }

  private boolean storedByAnotherTeam(int team, String hash) {
    for (int i = 0; i < teams.size(); i++) {
      if (i != team && teams.get(i).containsKey(hash)) {
        return true;
      }
    }
    return false;
  }

  private static boolean sameNumber(String text, BigDecimal expected) {
    try {
      return new BigDecimal(text.trim()).compareTo(expected) == 0;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private JsonNode readTree(Answer answer) {
    try {
      JsonNode node = json.readTree(answer.body());
      return node == null ? json.missingNode() : node;
    } catch (java.io.IOException e) {
      return json.missingNode();
    }
  }
}
