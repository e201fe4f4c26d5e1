package dev.remotecache.mock.internal.record;

import dev.remotecache.contract.core.ApiContract;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a recording never keeps: credentials (always), and, when asked, the teams a request names. A
 * team becomes a stable pseudonym ({@code team-1}, {@code team-2}, ...) everywhere it appears in
 * the recording, so the recording still tells one team from another and can be replayed.
 */
public final class Redaction {

  /** What a bearer token is replaced with: a well-formed token, so a replay can still send it. */
  public static final String TOKEN = "REDACTED";

  /** Headers that carry credentials, in either direction. */
  private static final Set<String> SECRET_HEADERS =
      Set.of("authorization", "proxy-authorization", "cookie", "set-cookie");

  /** A team id at least this long is also replaced where an answer or a header echoes it. */
  static final int MIN_ECHOED_TEAM_LENGTH = 4;

  private final Set<String> teamParameters;
  private final boolean redactTeams;
  private final Map<String, String> pseudonyms = new ConcurrentHashMap<>();
  private final AtomicInteger teams = new AtomicInteger();

  /**
   * @param teamParameters the query parameters that name a team ({@link #teamParameters})
   * @param redactTeams whether team ids are replaced by pseudonyms
   */
  public Redaction(Set<String> teamParameters, boolean redactTeams) {
    this.teamParameters = Set.copyOf(teamParameters);
    this.redactTeams = redactTeams;
  }

  /**
   * The query parameters the spec declares, which all name the team an operation acts on ({@code
   * teamId}, {@code slug}; RedactionTest holds that to the spec).
   */
  public static Set<String> teamParameters(ApiContract contract) {
    Set<String> names = new TreeSet<>();
    for (ApiContract.Route route : contract.routes()) {
      List<Parameter> parameters = route.operation().getParameters();
      if (parameters != null) {
        parameters.stream()
            .filter(p -> "query".equals(p.getIn()))
            .forEach(p -> names.add(p.getName()));
      }
    }
    return names;
  }

  public Set<String> teamParameterNames() {
    return teamParameters;
  }

  public boolean redactsTeams() {
    return redactTeams;
  }

  /** The headers, with every credential replaced. */
  public Map<String, List<String>> headers(Map<String, List<String>> headers) {
    Map<String, List<String>> kept = new LinkedHashMap<>();
    headers.forEach(
        (name, values) -> {
          String lower = name.toLowerCase(Locale.ROOT);
          if (SECRET_HEADERS.contains(lower)) {
            kept.put(
                lower,
                values.stream()
                    .map(v -> v.regionMatches(true, 0, "Bearer ", 0, 7) ? "Bearer " + TOKEN : TOKEN)
                    .toList());
          } else {
            kept.put(lower, redact(values));
          }
        });
    return kept;
  }

  /**
   * The decoded query with each team replaced (when asked).
   *
   * @param query decoded names, each with its values
   */
  public Map<String, List<String>> query(Map<String, List<String>> query) {
    Map<String, List<String>> kept = new LinkedHashMap<>();
    query.forEach(
        (name, values) ->
            kept.put(
                name,
                redactTeams && teamParameters.contains(name)
                    ? values.stream().map(this::pseudonym).toList()
                    : values));
    return kept;
  }

  /**
   * The raw query to record: as sent, or (teams redacted) rebuilt from the redacted decoded query.
   */
  public String rawQuery(String rawQuery, Map<String, List<String>> decoded) {
    if (rawQuery == null || !redactTeams) {
      return rawQuery;
    }
    List<String> pairs = new ArrayList<>();
    query(decoded)
        .forEach(
            (name, values) ->
                values.forEach(
                    v ->
                        pairs.add(
                            URLEncoder.encode(name, StandardCharsets.UTF_8)
                                + "="
                                + URLEncoder.encode(v, StandardCharsets.UTF_8))));
    return String.join("&", pairs);
  }

  /**
   * Text (a JSON body, a header value) with every team already seen replaced by its pseudonym; a
   * server may echo the team in an answer (a download URL, say).
   */
  public String text(String text) {
    if (!redactTeams || text == null) {
      return text;
    }
    String result = text;
    for (Map.Entry<String, String> team : pseudonyms.entrySet()) {
      // A very short id (a letter or two) would replace parts of unrelated words.
      if (team.getKey().length() >= MIN_ECHOED_TEAM_LENGTH) {
        result = result.replace(team.getKey(), team.getValue());
      }
    }
    return result;
  }

  private List<String> redact(List<String> values) {
    return redactTeams ? values.stream().map(this::text).toList() : values;
  }

  private String pseudonym(String team) {
    if (team.isEmpty()) {
      return team;
    }
    return pseudonyms.computeIfAbsent(team, t -> "team-" + teams.incrementAndGet());
  }
}
