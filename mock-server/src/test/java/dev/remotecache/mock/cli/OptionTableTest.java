package dev.remotecache.mock.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The options table users read (README or docs/mock-server.md: {@code | option | default | meaning
 * |}) lists exactly the options {@code --help} lists, with the defaults the command really has.
 */
class OptionTableTest {

  private static final Pattern ROW = Pattern.compile("^\\| `(--[a-z-]+)[^`]*` \\| ([^|]*) \\|");

  @Test
  void theDocumentedOptionsAreTheCommandsOptionsWithTheirDefaults() throws IOException {
    Map<String, String> documented = documentedOptions();
    assertFalse(documented.isEmpty(), "no options table found");
    Map<String, String> actual = new TreeMap<>();
    for (OptionSpec option : new CommandLine(new MockServerCommand()).getCommandSpec().options()) {
      String name = option.longestName();
      if (name.equals("--help") || name.equals("--version")) {
        continue;
      }
      actual.put(name, option.defaultValueString());
    }
    assertEquals(actual.keySet(), documented.keySet(), "the table's options vs --help's");
    actual.forEach(
        (name, value) -> {
          String shown = documented.get(name);
          if (value != null
              && !value.isEmpty()
              && !value.equals("null")
              && !value.equals("false")
              && !value.equals("[]")) {
            String plain = shown.replace("`", "").trim();
            assertEquals(
                true,
                plain.contains(value) || value.contains(plain) || sameSize(plain, value),
                name + ": the table says " + shown + ", the command's default is " + value);
          }
        });
  }

  /** {@code 100M} in the table is the command's 104857600. */
  private static boolean sameSize(String shown, String bytes) {
    Matcher m = Pattern.compile("(\\d+)([KMG])").matcher(shown);
    if (!m.matches()) {
      return false;
    }
    long unit =
        switch (m.group(2)) {
          case "K" -> 1024L;
          case "M" -> 1024L * 1024;
          default -> 1024L * 1024 * 1024;
        };
    return String.valueOf(Long.parseLong(m.group(1)) * unit).equals(bytes);
  }

  private static Map<String, String> documentedOptions() throws IOException {
    Map<String, String> options = new TreeMap<>();
    for (Path doc : List.of(Path.of("../docs/mock-server.md"), Path.of("../README.md"))) {
      if (!Files.isRegularFile(doc)) {
        continue;
      }
      boolean inTable = false;
      for (String line : Files.readAllLines(doc)) {
        if (line.startsWith("| option | default | meaning |")) {
          inTable = true;
          continue;
        }
        if (inTable && !line.startsWith("|")) {
          inTable = false;
        }
        Matcher m = ROW.matcher(line);
        if (inTable && m.find()) {
          options.put(m.group(1), m.group(2).trim());
        }
      }
      if (!options.isEmpty()) {
        return options;
      }
    }
    return options;
  }
}
