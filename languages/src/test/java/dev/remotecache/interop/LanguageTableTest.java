package dev.remotecache.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.remotecache.interop.LanguageTable.Language;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * languages.json is the one place the generator options are written down: the Maven executions that
 * generate the Java, TypeScript and Kotlin clients use exactly its options, the README shows
 * exactly its tables, and every other row has a driver (and a tool test, with an admin client).
 */
class LanguageTableTest {

  private static final Path MODULE = LanguageTable.file().getParent();
  private static final Path ROOT = MODULE.getParent();

  /**
   * Options of the Maven plugin that place generated files for this build only, not for a user's
   * package.
   */
  private static final Set<String> BUILD_ONLY = Set.of("sourceFolder", "hideGenerationTimestamp");

  /** Plugin settings that are generator options given as elements of their own. */
  private static final List<String> TOP_LEVEL_OPTIONS =
      List.of("packageName", "apiPackage", "modelPackage", "invokerPackage");

  private static final String BEGIN =
      "<!-- languages.json: LanguageTableTest checks this table -->";
  private static final String END = "<!-- end of languages.json -->";
  private static final String ADMIN_BEGIN =
      "<!-- languages.json adminClients: LanguageTableTest checks this table -->";
  private static final String ADMIN_END = "<!-- end of adminClients -->";

  @Test
  void theMavenExecutionsUseTheTablesOptions() throws Exception {
    List<Element> executions = new ArrayList<>();
    executions.addAll(executions(MODULE.resolve("pom.xml")));
    executions.addAll(executions(ROOT.resolve("generated-client/pom.xml")));
    for (Language language :
        LanguageTable.languages().stream().filter(Language::builtByMaven).toList()) {
      Element execution =
          executions.stream()
              .filter(e -> language.generator().equals(text(e, "generatorName")))
              .findFirst()
              .orElseThrow(
                  () ->
                      new AssertionError(
                          "no Maven execution generates "
                              + language.generator()
                              + " for "
                              + language.language()));
      assertEquals(language.library(), text(execution, "library"), language + ": library");
      Map<String, String> options = new TreeMap<>();
      Element configOptions = child(execution, "configOptions");
      if (configOptions != null) {
        for (Element option : children(configOptions)) {
          if (!BUILD_ONLY.contains(option.getTagName())) {
            options.put(
                option.getTagName(),
                option.getTextContent().trim().replace("${project.version}", "{version}"));
          }
        }
      }
      for (String name : TOP_LEVEL_OPTIONS) {
        if (text(execution, name) != null) {
          options.put(name, text(execution, name));
        }
      }
      assertEquals(new TreeMap<>(language.options()), options, language + ": options in the pom");
      assertEquals(
          language.nameMappings(),
          mappings(text(execution, "nameMappings")),
          language + ": nameMappings in the pom");
    }
  }

  @Test
  void everyOtherLanguageHasADriver() {
    Path drivers = Path.of(System.getProperty("interop.drivers", "src/test/languages"));
    for (Language language : LanguageTable.languages()) {
      if (!language.builtByMaven()) {
        assertTrue(
            Files.isRegularFile(drivers.resolve(language.language()).resolve("run.sh")),
            language + ": no src/test/languages/" + language + "/run.sh");
        assertTrue(!language.toolchain().isEmpty(), language + ": no toolchain named");
      }
    }
  }

  @Test
  void everyAdminClientHasAToolTest() {
    Path drivers = Path.of(System.getProperty("interop.drivers", "src/test/languages"));
    for (Language admin : LanguageTable.adminClients()) {
      assertTrue(
          !admin.builtByMaven()
              && Files.isRegularFile(drivers.resolve(admin.language()).resolve("tool-test.sh")),
          admin + ": no src/test/languages/" + admin + "/tool-test.sh for LanguageClientsTest");
    }
  }

  @Test
  void theReadmeShowsTheTable() throws Exception {
    assertShown(BEGIN, END, render(), "table of generator options");
  }

  @Test
  void theReadmeShowsTheAdminClientsTable() throws Exception {
    assertShown(ADMIN_BEGIN, ADMIN_END, renderAdminClients(), "table of admin clients");
  }

  private static void assertShown(String begin, String end, String expected, String what)
      throws Exception {
    String readme = Files.readString(ROOT.resolve("docs/other-languages.md"));
    int from = readme.indexOf(begin);
    int to = readme.indexOf(end);
    if (from < 0 || to < from) {
      fail(
          "docs/other-languages.md has no table between "
              + begin
              + " and "
              + end
              + "; it should be:\n"
              + expected);
    }
    assertEquals(
        expected,
        readme.substring(from + begin.length(), to).strip(),
        "docs/other-languages.md's " + what + " differs from languages.json");
  }

  /** The admin clients as the README shows them: the whole generator command line of each. */
  static String renderAdminClients() {
    StringBuilder table =
        new StringBuilder(
            """
                | language | generator | options (`-p`, `--name-mappings`, `--type-mappings`) | why |
                | --- | --- | --- | --- |
                """);
    for (Language l : LanguageTable.adminClients()) {
      table
          .append("| ")
          .append(l.language())
          .append(" | `")
          .append(l.generator())
          .append("` | ")
          .append(options(l))
          .append(" | ")
          .append(l.why())
          .append(" |\n");
    }
    return table.toString().strip();
  }

  /** The table as the README shows it. */
  static String render() {
    StringBuilder table =
        new StringBuilder(
            """
                | language | generator | options (`-p`, `--name-mappings`, `--type-mappings`) | why | in CI |
                | --- | --- | --- | --- | --- |
                """);
    for (Language l : LanguageTable.languages()) {
      String ci =
          l.builtByMaven()
              ? "compiled by the Maven build, run against the mock"
              : "generated, built and run against the mock by `LanguageClientsTest`"
                  + (l.noArtifactRoundTrip() == null ? ", with an artifact round trip" : "")
                  + (l.ci() == null ? "" : "; " + l.ci());
      if (l.noArtifactRoundTrip() != null) {
        ci += "; no artifact round trip: " + l.noArtifactRoundTrip();
      }
      table
          .append("| ")
          .append(l.language())
          .append(" | `")
          .append(l.generator())
          .append("` | ")
          .append(options(l))
          .append(" | ")
          .append(l.why())
          .append(" | ")
          .append(ci)
          .append(" |\n");
    }
    return table.toString().strip();
  }

  private static String options(Language l) {
    List<String> options = new ArrayList<>();
    if (l.library() != null) {
      options.add("`--library " + l.library() + "`");
    }
    l.options()
        .forEach((k, v) -> options.add("`" + k + "=" + v.replace("{version}", "VERSION") + "`"));
    l.nameMappings().forEach((k, v) -> options.add("`--name-mappings " + k + "=" + v + "`"));
    l.typeMappings().forEach((k, v) -> options.add("`--type-mappings " + k + "=" + v + "`"));
    return options.isEmpty() ? "none" : String.join(", ", options);
  }

  private static Map<String, String> mappings(String text) {
    Map<String, String> map = new LinkedHashMap<>();
    if (text != null && !text.isBlank()) {
      for (String pair : text.split(",")) {
        String[] kv = pair.trim().split("=", 2);
        map.put(kv[0], kv[1]);
      }
    }
    return map;
  }

  private static List<Element> executions(Path pom) throws Exception {
    NodeList nodes =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(pom.toFile())
            .getElementsByTagName("execution");
    List<Element> executions = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      Element execution = (Element) nodes.item(i);
      Element configuration = child(execution, "configuration");
      if (configuration != null && child(configuration, "generatorName") != null) {
        executions.add(configuration);
      }
    }
    return executions;
  }

  private static Element child(Element parent, String name) {
    return children(parent).stream()
        .filter(e -> e.getTagName().equals(name))
        .findFirst()
        .orElse(null);
  }

  private static List<Element> children(Element parent) {
    List<Element> children = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e) {
        children.add(e);
      }
    }
    return children;
  }

  private static String text(Element parent, String name) {
    Element child = child(parent, name);
    return child == null ? null : child.getTextContent().trim();
  }
}
