package dev.remotecache.mock.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The container image's JVM options (mock-image writes them from {@link JvmDefaults#imageOptions})
 * are the jar's server-JVM defaults with two named differences, the collector and the heap sizes,
 * plus the image's own additions: a change to any other default reaches both.
 */
class ImageJvmDefaultsTest {

  @Test
  void theImageHasTheJarsDefaultsWithItsOwnCollectorInPlaceOfTheParallelOne() {
    for (int feature : new int[] {21, 25}) {
      List<String> expected = new ArrayList<>(JvmDefaults.options(feature, List.of()));
      int collector = expected.indexOf("-XX:+UseParallelGC");
      expected.set(collector, "-XX:+UseG1GC");
      expected.set(expected.indexOf("-Xmn64m"), "-Xmn32m");
      expected.set(expected.indexOf("-Xms96m"), "-Xms64m");
      expected.set(expected.indexOf("-Xmx384m"), "-Xmx128m");
      expected.addAll(JvmDefaults.IMAGE_ONLY);

      assertEquals(expected, JvmDefaults.imageOptions(feature), "JDK " + feature);
    }
  }

  @Test
  void theImagesOptionsNameOneCollectorAndOneOfEachHeapSize() {
    List<String> image = JvmDefaults.imageOptions(25);

    assertEquals(
        List.of("-XX:+UseG1GC"),
        image.stream().filter(o -> o.matches("-XX:\\+Use\\w+GC")).toList());
    assertEquals(
        List.of("-Xmn32m", "-Xms64m", "-Xmx128m"),
        image.stream().filter(o -> o.startsWith("-Xm")).toList());
  }
}
