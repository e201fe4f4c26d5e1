package dev.remotecache.contract;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.remotecache.contract.core.JUnitXml;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The outcome of a conformance run, readable as Markdown: per operation, per check. */
public record ConformanceReport(
    String baseUrl,
    String specTitle,
    String specVersion,
    Instant ranAt,
    List<ConformanceCheck> checks) {

  public ConformanceReport {
    checks = List.copyOf(checks);
  }

  public List<ConformanceCheck> deviations() {
    return checks.stream().filter(c -> !c.conforms()).toList();
  }

  public boolean conforms() {
    return deviations().isEmpty();
  }

  /**
   * The first deviation whose check name contains {@code text}, for tests that assert a known
   * deviation.
   */
  public boolean deviatesOn(String operationId, String text) {
    return deviations().stream()
        .anyMatch(c -> c.operationId().equals(operationId) && c.check().contains(text));
  }

  public String toMarkdown() {
    StringBuilder md = new StringBuilder();
    md.append("# Conformance of ").append(baseUrl).append("\n\n");
    md.append("Spec: ")
        .append(specTitle)
        .append(' ')
        .append(specVersion)
        .append(" · run ")
        .append(ranAt)
        .append("\n\n");
    md.append("**")
        .append(checks.size() - deviations().size())
        .append(" of ")
        .append(checks.size())
        .append(" checks conform; ")
        .append(deviations().size())
        .append(" deviate.**\n");
    Map<String, List<ConformanceCheck>> byOperation = new LinkedHashMap<>();
    checks.forEach(
        c -> byOperation.computeIfAbsent(c.operationId(), k -> new java.util.ArrayList<>()).add(c));
    byOperation.forEach(
        (operation, list) -> {
          long bad = list.stream().filter(c -> !c.conforms()).count();
          md.append("\n## ")
              .append(operation)
              .append(" (")
              .append(list.size() - bad)
              .append('/')
              .append(list.size())
              .append(" conform)\n\n");
          md.append(
              "| check | spec expects | server answered | verdict |\n| --- | --- | --- | --- |\n");
          for (ConformanceCheck c : list) {
            md.append("| ")
                .append(cell(c.check()))
                .append(" | ")
                .append(cell(c.expected()))
                .append(" | ")
                .append(cell(c.actual()))
                .append(" | ")
                .append(c.conforms() ? "conforms" : "**deviates**: " + cell(c.detail()))
                .append(" |\n");
          }
        });
    return md.toString();
  }

  /**
   * One test case per check, grouped by operation; a deviation is a failure with the expected and
   * actual values.
   */
  public String toJUnitXml(double seconds) {
    List<JUnitXml.Case> cases =
        checks.stream()
            .map(
                c ->
                    new JUnitXml.Case(
                        "conformance." + c.operationId(),
                        c.check(),
                        c.conforms() ? null : "expected " + c.expected() + "; got " + c.actual(),
                        c.conforms()
                            ? null
                            : "expected: "
                                + c.expected()
                                + "\nactual: "
                                + c.actual()
                                + "\n"
                                + c.detail()))
            .toList();
    return JUnitXml.write("remote-cache-conformance " + baseUrl, cases, seconds);
  }

  /** The report as JSON: the run, then every check with its verdict. */
  public String toJson() {
    ObjectMapper json = JsonMapper.builder().build();
    ObjectNode root = json.createObjectNode();
    root.put("baseUrl", baseUrl)
        .put("spec", specTitle + " " + specVersion)
        .put("ranAt", ranAt.toString())
        .put("checks", checks.size())
        .put("deviations", deviations().size())
        .put("conforms", conforms());
    ArrayNode list = root.putArray("results");
    for (ConformanceCheck c : checks) {
      list.addObject()
          .put("operationId", c.operationId())
          .put("check", c.check())
          .put("expected", c.expected())
          .put("actual", c.actual())
          .put("conforms", c.conforms())
          .put("detail", c.detail());
    }
    try {
      return json.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String cell(String text) {
    String oneLine = text == null ? "" : text.replace("\n", " ").replace("|", "\\|");
    return oneLine.length() > 160 ? oneLine.substring(0, 157) + "..." : oneLine;
  }
}
