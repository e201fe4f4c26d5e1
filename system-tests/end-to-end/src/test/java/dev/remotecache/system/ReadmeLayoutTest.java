package dev.remotecache.system;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A newcomer reads `ls` beside the README's Layout: every top-level folder is there, and no other.
 */
class ReadmeLayoutTest {

  private static final Path ROOT =
      Path.of(System.getProperty("remotecache.root", "../..")).toAbsolutePath().normalize();

  /** What a build writes into a folder: never part of the layout. */
  private static final Set<String> BUILD_OUTPUT = Set.of("target", "node_modules");

  private static final Pattern ENTRY =
      Pattern.compile("^(\\.?[a-z][a-z0-9-]*)/\\s", Pattern.MULTILINE);

  @Test
  void theLayoutNamesEveryTopLevelFolder() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"));
    int start = readme.indexOf("## Layout");
    int block = readme.indexOf("```text", start);
    String layout = readme.substring(block, readme.indexOf("```", block + 7));
    Set<String> listed = new TreeSet<>();
    Matcher entry = ENTRY.matcher(layout);
    while (entry.find()) {
      listed.add(entry.group(1));
    }
    Set<String> folders;
    try (Stream<Path> children = Files.list(ROOT)) {
      folders =
          children
              .filter(Files::isDirectory)
              .map(p -> p.getFileName().toString())
              .filter(name -> !name.startsWith(".") || name.equals(".ci"))
              .filter(name -> !BUILD_OUTPUT.contains(name))
              .filter(name -> !onlyBuildOutput(ROOT.resolve(name)))
              .collect(Collectors.toCollection(TreeSet::new));
    }
    assertEquals(
        folders,
        listed,
        "README's Layout against the folders " + Arrays.toString(folders.toArray()));
  }

  /** A folder left behind by a move holds only what a build wrote there: it is not the layout's. */
  private static boolean onlyBuildOutput(Path folder) {
    try (Stream<Path> children = Files.list(folder)) {
      return children.allMatch(child -> BUILD_OUTPUT.contains(child.getFileName().toString()));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
