package dev.remotecache.contract.generative;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.remotecache.contract.core.JUnitXml;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a generative run found, one section per property: how often it was checked, and for a broken
 * one the minimal sequence that shows it, as curl lines, with the seed that generated it. Readable
 * as Markdown, JUnit XML and JSON.
 */
public record GenerativeReport(
    String baseUrl,
    GenerativeRun.Options options,
    int sequences,
    int generatedRequests,
    long requests,
    Map<Property, Integer> checked,
    Map<Property, Integer> seenAgain,
    List<Finding> findings,
    ApiOperations operations,
    String stoppedBecause,
    int cleanedTeams,
    int teamsUsed) {

  public GenerativeReport {
    checked = Map.copyOf(checked);
    seenAgain = Map.copyOf(seenAgain);
    findings = List.copyOf(findings);
  }

  public boolean conforms() {
    return findings.isEmpty();
  }

  public Optional<Finding> finding(Property property) {
    return findings.stream().filter(f -> f.property() == property).findFirst();
  }

  /** The finding's requests as a script: set BASE and TOKEN, then paste. */
  public List<String> script(Finding finding) {
    List<String> lines = new ArrayList<>();
    lines.add("BASE=" + CurlScript.quote(baseUrl) + " TOKEN=" + CurlScript.quote("<your token>"));
    lines.addAll(CurlScript.lines(finding.steps(), operations, finding.space()));
    return lines;
  }

  public String summary() {
    return (findings.isEmpty()
            ? "no property broken"
            : findings.size() + " of " + Property.values().length + " properties broken")
        + " in "
        + sequences
        + " sequences, "
        + generatedRequests
        + " generated requests ("
        + requests
        + " sent with shrinking), seed "
        + options.seed()
        + (stoppedBecause == null ? "" : "; stopped early: " + stoppedBecause)
        + (cleanedTeams < teamsUsed
            ? "; cleanup: the server deleted the artifacts of only "
                + cleanedTeams
                + " of "
                + teamsUsed
                + " teams "
                + options.namespace()
                + "-*"
            : "");
  }

  public String toMarkdown() {
    StringBuilder md = new StringBuilder();
    md.append("# Generative conformance of ").append(baseUrl).append("\n\n");
    md.append("**").append(summary()).append(".**\n\n");
    md.append("Reproduce with `--generate ")
        .append(options.sequences())
        .append(" --seed ")
        .append(options.seed())
        .append("`. Teams: `")
        .append(options.namespace())
        .append("-*` (")
        .append(teamsUsed)
        .append(" used; the artifacts of ")
        .append(cleanedTeams)
        .append(" deleted at the end).\n");
    for (Property property : Property.values()) {
      Optional<Finding> finding = finding(property);
      int count = checked.getOrDefault(property, 0);
      md.append("\n## ")
          .append(property.title())
          .append(": ")
          .append(finding.isPresent() ? "**broken**" : count == 0 ? "not exercised" : "holds")
          .append(" (")
          .append(count)
          .append(" checks)\n\n");
      md.append(property.rule()).append(".\n");
      finding.ifPresent(
          f -> {
            md.append("\n- expected: ")
                .append(f.expected())
                .append("\n- got: ")
                .append(f.actual())
                .append("\n- shrunk from ")
                .append(f.originalLength())
                .append(" to ")
                .append(f.requests())
                .append(" requests; seen again ")
                .append(seenAgain.getOrDefault(property, 0))
                .append(" times in later sequences\n\n```sh\n");
            script(f).forEach(line -> md.append(line).append('\n'));
            md.append("```\n");
          });
    }
    return md.toString();
  }

  public String toJUnitXml() {
    List<JUnitXml.Case> cases = new ArrayList<>();
    for (Property property : Property.values()) {
      Optional<Finding> finding = finding(property);
      cases.add(
          new JUnitXml.Case(
              "generative",
              property.title(),
              finding.map(f -> "expected " + f.expected() + "; got " + f.actual()).orElse(null),
              finding.map(f -> String.join("\n", script(f))).orElse(null)));
    }
    return JUnitXml.write(
        "remote-cache-conformance generative (seed " + options.seed() + ")", cases, 0);
  }

  public String toJson() {
    var json = JsonMapper.builder().build();
    ObjectNode root = json.createObjectNode();
    root.put("baseUrl", baseUrl)
        .put("seed", options.seed())
        .put("sequences", sequences)
        .put("generatedRequests", generatedRequests)
        .put("requests", requests)
        .put("conforms", conforms());
    if (stoppedBecause != null) {
      root.put("stoppedBecause", stoppedBecause);
    }
    ArrayNode properties = root.putArray("properties");
    for (Property property : Property.values()) {
      ObjectNode p =
          properties
              .addObject()
              .put("property", property.title())
              .put("rule", property.rule())
              .put("checks", checked.getOrDefault(property, 0));
      Optional<Finding> finding = finding(property);
      p.put("holds", finding.isEmpty());
      finding.ifPresent(
          f -> {
            ObjectNode found =
                p.putObject("finding")
                    .put("expected", f.expected())
                    .put("actual", f.actual())
                    .put("originalRequests", f.originalLength())
                    .put("requests", f.requests());
            ArrayNode script = found.putArray("curl");
            script(f).forEach(script::add);
          });
    }
    try {
      return json.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
