package dev.remotecache.mock.apitest;

/** Which of the three runs this is (see the module's pom): what the tests expect of the engine. */
final class WhereTheServerRuns {

  private WhereTheServerRuns() {}

  /** In a JVM of its own: on Java 17 to 20 always, on 21+ when the run asks for it. */
  static boolean outOfProcess() {
    return Runtime.version().feature() < 21 || Boolean.getBoolean("remotecache.mock.outOfProcess");
  }
}
