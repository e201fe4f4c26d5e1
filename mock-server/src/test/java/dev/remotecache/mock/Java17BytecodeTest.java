package dev.remotecache.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.remotecache.mock.cli.MockServerCommand;
import dev.remotecache.mock.internal.engine.MockEngine;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The class files a Java 17 test loads are Java 17's (version 61), as the build compiles them; the
 * server's are 21's. What a Java 17 JVM does with them is in mock-api-test.
 */
class Java17BytecodeTest {

  private static final int JAVA_17 = 61;
  private static final int JAVA_21 = 65;

  @Test
  void thePublicApiAndTheEnginesInterfaceAreJava17Classes() throws Exception {
    Path classes =
        Path.of(MockEngine.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Map<String, Integer> wrong = new TreeMap<>();
    int seen = 0;
    for (String pkg : ArchitectureTest.JAVA_17) {
      Path dir = classes.resolve(pkg.replace("..", "").replace('.', '/'));
      boolean recursive = pkg.endsWith("..");
      try (Stream<Path> files = recursive ? Files.walk(dir) : Files.list(dir)) {
        for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
          seen++;
          int version = majorVersion(file);
          if (version != JAVA_17) {
            wrong.put(classes.relativize(file).toString(), version);
          }
        }
      }
    }
    assertEquals(Map.of(), wrong, "compiled for another Java than 17 (61)");
    assertTrue(seen > 30, "read " + seen + " class files");
  }

  @Test
  void theServerIsJava21() throws Exception {
    Path server =
        Path.of(MockServerCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI())
            .resolve("dev/remotecache/mock/internal/inprocess/InProcessEngine.class");
    assertEquals(JAVA_21, majorVersion(server));
  }

  private static int majorVersion(Path classFile) throws IOException {
    try (InputStream in = Files.newInputStream(classFile);
        DataInputStream data = new DataInputStream(in)) {
      data.readInt(); // magic
      data.readUnsignedShort(); // minor
      return data.readUnsignedShort();
    }
  }
}
