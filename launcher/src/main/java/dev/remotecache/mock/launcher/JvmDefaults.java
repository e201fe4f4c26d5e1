package dev.remotecache.mock.launcher;

import java.util.ArrayList;
import java.util.List;

/**
 * The JVM options the server's JVM gets by default, each dropped when the user chose that setting
 * themselves ({@code java -Xmx2g -jar ...}, {@code JDK_JAVA_OPTIONS}, {@code JAVA_TOOL_OPTIONS}).
 *
 * <p>Why these (measured with bench/'s load, see bench/README.md "The documented launch"): the mock
 * keeps a bounded journal (80-150 MB live at its default limit) and nothing else long-lived unless
 * artifacts are kept in memory. The JDK's default collector on a "server class" machine (G1, max
 * heap 1/4 of RAM) grew the heap to 1.4-2.6 GB under a 45 s load (ZGC and Shenandoah with a soft
 * maximum too). With a heap cap, the parallel collector stayed at ~0.4 GB (launcher included) and
 * served as many requests as before; the serial collector ~0.5-0.6 GB and 10-25 % fewer 100-event
 * batches; G1 capped ~0.35 GB but 25-40 % fewer requests.
 */
final class JvmDefaults {

  /** One default option and the option prefixes that mean the user decided it already. */
  record Default(String option, List<String> userPrefixes) {
    boolean chosenBy(List<String> userOptions) {
      for (String user : userOptions) {
        for (String prefix : userPrefixes) {
          if (user.startsWith(prefix)) {
            return true;
          }
        }
      }
      return false;
    }
  }

  private static final List<String> GC_CHOICE = List.of("-XX:+Use", "-XX:-Use");

  static final List<Default> DEFAULTS =
      List.of(
          // Young collections on both cores, and full ones too when the capped old generation
          // fills.
          new Default("-XX:+UseParallelGC", gcChoice()),
          // Young collections every 64 MB of allocation (a few ms each): what survives them is
          // mostly
          // the journal. 32 MB served as many single events but fewer 100-event batches.
          new Default("-Xmn64m", List.of("-Xmn", "-XX:NewSize", "-XX:MaxNewSize", "-XX:NewRatio")),
          new Default(
              "-Xms96m", List.of("-Xms", "-XX:InitialHeapSize", "-XX:InitialRAMPercentage")),
          // The cap is what the heap grows to under a sustained load (the journal's churn is
          // promoted
          // and only a full collection frees it). It holds the journal at its limit and a couple of
          // uploads of the largest size (--max-body-size, 100M) kept in memory. More: -Xmx.
          new Default(
              "-Xmx384m",
              List.of(
                  "-Xmx",
                  "-XX:MaxHeapSize",
                  "-XX:MaxRAMPercentage",
                  "-XX:MaxRAM=",
                  "-XX:MaxRAMFraction")),
          // Give back what is free beyond 30 % when the heap shrinks.
          new Default("-XX:MinHeapFreeRatio=10", List.of("-XX:MinHeapFreeRatio")),
          new Default("-XX:MaxHeapFreeRatio=30", List.of("-XX:MaxHeapFreeRatio")));

  /**
   * The JVM's own warnings go to stderr, not stdout: the server's first stdout line is its base
   * URL, which scripts read. Cache notes (a stale or foreign class-data archive just means a normal
   * start) are not printed at all. A user's own {@code -Xlog} options come later and still apply.
   */
  static List<String> logging(int feature) {
    // The "aot" log tag exists from JDK 24 on; naming an unknown tag would stop the JVM.
    return List.of(
        "-Xlog:disable",
        "-Xlog:all=warning,cds*=off" + (feature >= 24 ? ",aot*=off" : "") + ":stderr");
  }

  private JvmDefaults() {}

  private static List<String> gcChoice() {
    return GC_CHOICE.stream()
        .flatMap(
            p ->
                List.of("SerialGC", "ParallelGC", "G1GC", "ZGC", "ShenandoahGC", "EpsilonGC")
                    .stream()
                    .map(gc -> p + gc))
        .toList();
  }

  /**
   * The collector of the container image's JVM instead of {@link #DEFAULTS}' parallel one. There
   * the server's JVM is the container's whole footprint, and the parallel collector keeps every
   * promoted byte until the capped old generation is full: 250-490 MB resident after the bench's
   * turbo-like mix (1 MB uploads replacing each other), against 180-300 MB with G1, which reclaims
   * old regions concurrently and frees dead 1 MB chunks (humongous objects) at each young
   * collection. Measured in bench/results-image.md; the jar keeps the parallel collector (more
   * 100-event batches per second, bench/README.md).
   */
  static final String IMAGE_COLLECTOR = "-XX:+UseG1GC";

  /**
   * The image's heap sizes in place of the jar's (same order: young, initial, cap). Under a fast
   * enough load G1 grows the heap to its cap whatever the live data (1 MB uploads are garbage until
   * collected), and beside the heap the JVM keeps ~110 MB (AOT cache mapping, libjvm, code cache,
   * G1, stacks, malloc): a 128 MiB cap holds the container under 256 MB resident at any request
   * rate. The server shares it as {@code MemoryBudget} says: artifacts in memory get 64 MiB, the
   * journal's default limit follows the heap (~39 000 events).
   */
  static final List<String> IMAGE_HEAP = List.of("-Xmn32m", "-Xms64m", "-Xmx128m");

  /**
   * What only the image adds: an idle container gives memory back (a concurrent cycle after 60 s
   * without a collection uncommits what the heap no longer needs).
   */
  static final List<String> IMAGE_ONLY = List.of("-XX:G1PeriodicGCInterval=60000");

  /**
   * The container image's options (its {@code /app/jvm.options}, written at build time): the same
   * defaults as the jar's server JVM, with {@link #IMAGE_COLLECTOR} in place of the collector and
   * {@link #IMAGE_HEAP} in place of the heap sizes, then {@link #IMAGE_ONLY}.
   */
  static List<String> imageOptions(int feature) {
    List<String> jarHeap =
        List.of(DEFAULTS.get(1).option(), DEFAULTS.get(2).option(), DEFAULTS.get(3).option());
    List<String> options = new ArrayList<>();
    for (String option : options(feature, List.of())) {
      if (option.equals(DEFAULTS.get(0).option())) {
        options.add(IMAGE_COLLECTOR);
      } else if (jarHeap.contains(option)) {
        options.add(IMAGE_HEAP.get(jarHeap.indexOf(option)));
      } else {
        options.add(option);
      }
    }
    options.addAll(IMAGE_ONLY);
    return options;
  }

  /** The defaults the user's options leave standing, in order. */
  static List<String> options(int feature, List<String> userOptions) {
    List<String> options = new ArrayList<>(logging(feature));
    for (Default d : DEFAULTS) {
      if (!d.chosenBy(userOptions)) {
        options.add(d.option());
      }
    }
    return options;
  }
}
