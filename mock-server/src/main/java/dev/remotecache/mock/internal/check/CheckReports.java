package dev.remotecache.mock.internal.check;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.remotecache.contract.core.JUnitXml;
import dev.remotecache.mock.coverage.OperationCoverage;
import dev.remotecache.mock.internal.http.MockJson;
import dev.remotecache.mock.journal.Rejection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes a {@link ContractVerdict} as the three reports, under fixed names: JUnit XML (what CI
 * systems show as test results), JSON (for scripts) and Markdown (for people and job summaries).
 */
public final class CheckReports {

  public static final String JUNIT_XML = "remote-cache-check.xml";
  public static final String JSON = "remote-cache-check.json";
  public static final String MARKDOWN = "remote-cache-check.md";

  private CheckReports() {}

  /** Writes the three files into {@code directory} (created if needed); returns their paths. */
  public static List<Path> write(ContractVerdict verdict, Path directory) throws IOException {
    Files.createDirectories(directory);
    List<Path> written = new ArrayList<>();
    written.add(
        write(
            directory.resolve(JUNIT_XML),
            JUnitXml.write(ContractVerdict.SUITE + " " + verdict.target(), verdict.cases(), 0)));
    written.add(write(directory.resolve(JSON), json(verdict)));
    written.add(write(directory.resolve(MARKDOWN), markdown(verdict)));
    return written;
  }

  private static Path write(Path file, String text) throws IOException {
    // Written next to the file and moved into place: a reader never sees half a report.
    Path partial = file.resolveSibling(file.getFileName() + ".partial");
    Files.writeString(partial, text, StandardCharsets.UTF_8);
    return Files.move(
        partial,
        file,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  static String json(ContractVerdict verdict) {
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("target", verdict.target());
    report.put("checkedAt", Instant.now());
    report.put("holds", verdict.holds());
    report.put("exitCode", verdict.exitCode());
    report.put("rejectedCount", verdict.input().rejectedCount());
    report.put("rejections", verdict.input().rejections());
    report.put("droppedRejections", verdict.input().droppedRejections());
    report.put("droppedEvents", verdict.input().droppedEvents());
    report.put("deviations", verdict.input().deviations());
    report.put("requirements", verdict.requirements());
    report.put("coverage", verdict.input().coverage());
    try {
      return MockJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(report) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the JSON report", e);
    }
  }

  static String markdown(ContractVerdict verdict) {
    StringBuilder md = new StringBuilder();
    md.append("# Remote Cache contract check\n\n")
        .append("**")
        .append(Character.toUpperCase(verdict.headline().charAt(0)))
        .append(verdict.headline().substring(1))
        .append("**")
        .append(" for `")
        .append(verdict.target())
        .append("` (exit code ")
        .append(verdict.exitCode())
        .append(").\n\n");
    List<Rejection> rejections = verdict.input().rejections();
    md.append("## Rejected requests: ").append(verdict.input().rejectedCount()).append("\n\n");
    if (!verdict.unseen().isEmpty()) {
      md.append(verdict.unseen()).append(".\n\n");
    }
    if (!rejections.isEmpty()) {
      md.append("| request | status | violations |\n| --- | --- | --- |\n");
      rejections.forEach(
          r ->
              md.append("| `")
                  .append(cell(r.method() + " " + r.url()))
                  .append("` | ")
                  .append(r.status())
                  .append(" | ")
                  .append(cell(ContractVerdict.violations(r.violations())))
                  .append(" |\n"));
      md.append('\n');
    }
    if (!verdict.input().deviations().isEmpty()) {
      md.append("## Server deviations: ")
          .append(verdict.input().deviations().size())
          .append("\n\n| request | status | violations |\n| --- | --- | --- |\n");
      verdict
          .input()
          .deviations()
          .forEach(
              d ->
                  md.append("| `")
                      .append(cell(d.method() + " " + d.url()))
                      .append("` | ")
                      .append(d.status())
                      .append(" | ")
                      .append(cell(ContractVerdict.violations(d.violations())))
                      .append(" |\n"));
      md.append('\n');
    }
    Map<String, List<ContractVerdict.RequirementResult>> groups = new LinkedHashMap<>();
    verdict
        .requirements()
        .forEach(r -> groups.computeIfAbsent(r.group(), g -> new ArrayList<>()).add(r));
    groups.forEach(
        (group, requirements) -> {
          md.append("## ")
              .append(Character.toUpperCase(group.charAt(0)))
              .append(group.substring(1))
              .append("\n\n| ")
              .append(group.equals(Requirements.REQUIREMENTS) ? "requirement" : "exchange")
              .append(" | met | |\n| --- | --- | --- |\n");
          requirements.forEach(
              r ->
                  md.append("| `")
                      .append(cell(r.name()))
                      .append("` | ")
                      .append(r.met() ? "yes" : "**no**")
                      .append(" | ")
                      .append(r.met() ? "" : cell(r.unmet()))
                      .append(" |\n"));
          md.append('\n');
        });
    md.append("## Contract coverage\n\n")
        .append(
            "| operation | calls | answers met | documented, never met | broke | Prefer, forced, faults |\n")
        .append("| --- | --- | --- | --- | --- | --- |\n");
    for (OperationCoverage o : verdict.input().coverage().operations()) {
      List<String> overrides = new ArrayList<>();
      o.preferCodes().forEach((code, n) -> overrides.add("Prefer " + code + " x" + n));
      o.forcedResponses().forEach((code, n) -> overrides.add("forced " + code + " x" + n));
      o.faults().forEach((kind, n) -> overrides.add(kind + " x" + n));
      md.append("| `")
          .append(o.operationId())
          .append("` | ")
          .append(o.calls())
          .append(" | ")
          .append(o.calls() == 0 ? "" : ContractVerdict.counts(o.served()))
          .append(" | ")
          .append(String.join(", ", o.neverServed()))
          .append(" | ")
          .append(
              cell(
                  o.violations().stream()
                      .map(ContractVerdict::describe)
                      .collect(Collectors.joining("; "))))
          .append(" | ")
          .append(String.join(", ", overrides))
          .append(" |\n");
    }
    return md.toString();
  }

  private static String cell(String text) {
    return text.replace("|", "\\|").replace("\n", " ");
  }
}
