package dev.remotecache.mock.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.remotecache.mock.MockSettings;
import dev.remotecache.mock.MockSettings.Setting;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The settings table users read (docs/mock-server.md: {@code | option | Java | default | meaning
 * |}) is the schema's: every setting in it once, none extra, each with its option and default; and
 * its options are exactly those {@code --help} lists.
 */
class SettingsTableTest {

  private static final Path DOC = Path.of("../docs/mock-server.md");

  record Row(String option, String java, String defaultText) {}

  @Test
  void everySettingIsDocumentedOnceAndNoneElse() throws IOException {
    List<Row> rows = rows();
    assertFalse(rows.isEmpty(), "no settings table in " + DOC);
    List<String> documented = rows.stream().map(Row::java).filter(java -> !java.isEmpty()).toList();
    assertEquals(
        MockSettings.schema().stream().map(Setting::name).sorted().toList(),
        documented.stream().sorted().toList(),
        "the table's settings vs MockSettings");
  }

  @Test
  void eachRowStatesItsSettingsOptionAndDefault() throws IOException {
    for (Row row : rows()) {
      if (row.java().isEmpty()) {
        continue; // an option of the command's own (--quiet)
      }
      Setting<?> setting = MockSettings.setting(row.java());
      String option =
          setting.option() == null
              ? ""
              : setting.option() + (setting.label() == null ? "" : " " + setting.label());
      assertEquals(option, row.option(), setting.name() + "'s option");
      assertTrue(
          row.defaultText().startsWith(setting.defaultText()),
          setting.name()
              + ": the table says "
              + row.defaultText()
              + ", the schema "
              + setting.defaultText());
    }
  }

  @Test
  void theTablesOptionsAreTheHelpsOptions() throws IOException {
    Set<String> helps = new TreeSet<>();
    for (OptionSpec option : MockServerCommand.commandLine().getCommandSpec().options()) {
      if (!option.hidden() && !option.usageHelp() && !option.versionHelp()) {
        helps.add(option.longestName());
      }
    }
    Set<String> documented =
        rows().stream()
            .map(Row::option)
            .filter(option -> !option.isEmpty())
            .map(option -> option.split(" ")[0])
            .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(helps, documented, "the table's options vs --help's");
  }

  @Test
  void theHelpStatesEachDefault() {
    for (Setting<?> setting : MockSettings.schema()) {
      if (setting.option() != null) {
        String help =
            String.join(
                " ",
                MockServerCommand.commandLine()
                    .getCommandSpec()
                    .findOption(setting.option())
                    .description());
        assertTrue(help.contains("Default: " + setting.defaultText() + "."), help);
      }
    }
  }

  /** The rows of the table, cells without their backticks. */
  private static List<Row> rows() throws IOException {
    List<Row> rows = new ArrayList<>();
    boolean inTable = false;
    for (String line : Files.readAllLines(DOC)) {
      if (line.startsWith("| option | Java | default | meaning |")) {
        inTable = true;
        continue;
      }
      if (inTable && !line.startsWith("|")) {
        break;
      }
      if (inTable && !line.startsWith("| ---")) {
        String[] cells = line.split("\\|", -1);
        rows.add(new Row(plain(cells[1]), plain(cells[2]), plain(cells[3])));
      }
    }
    return rows;
  }

  private static String plain(String cell) {
    return cell.replace("`", "").trim();
  }
}
