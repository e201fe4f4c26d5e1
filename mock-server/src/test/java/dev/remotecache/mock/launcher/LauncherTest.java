package dev.remotecache.mock.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LauncherTest {

  @Test
  void theCheckSubcommandIsAClientNotTheServer() {
    assertTrue(Launcher.startsTheServer(new String[0]));
    assertTrue(Launcher.startsTheServer(new String[] {"--port", "0", "--report-on-exit", "check"}));
    assertFalse(Launcher.startsTheServer(new String[] {"check", "--url", "http://127.0.0.1:7878"}));
  }

  @Test
  void readsTheFeatureVersionFromAJdksReleaseFile(@TempDir Path jdks) throws Exception {
    assertEquals(25, featureOf(jdks, "temurin-25", "JAVA_VERSION=\"25.0.1\""));
    assertEquals(21, featureOf(jdks, "jdk-21", "IMPLEMENTOR=\"x\"\nJAVA_VERSION=\"21\""));
    assertEquals(8, featureOf(jdks, "jdk8", "JAVA_VERSION=\"1.8.0_392\""));
    assertEquals(0, featureOf(jdks, "broken", "no version here"));
    assertEquals(0, Launcher.featureOf(jdks.resolve("missing")));
  }

  @Test
  void aChosenJdkTooOldIsNamedNotPassedOverSilently(@TempDir Path root) throws Exception {
    Path old = jdk(root, "jdk-17", "17.0.15");
    ByteArrayOutputStream warnings = new ByteArrayOutputStream();
    Map<String, String> env = Map.of(Launcher.CHOSEN_JAVA, old.getParent().getParent().toString());

    Launcher.findJava(env::get, new PrintStream(warnings, true, StandardCharsets.UTF_8));

    String said = warnings.toString(StandardCharsets.UTF_8);
    assertTrue(said.contains("ignoring REMOTE_CACHE_MOCK_JAVA="), said);
    assertTrue(said.contains("it is Java 17"), said);
    assertTrue(said.contains("needs a JDK 21+"), said);
  }

  @Test
  void theServerGetsTheDefaultsThenTheUsersOptionsSoTheUsersWin(@TempDir Path root)
      throws Exception {
    Path java = jdk(root, "jdk-25", "25.0.3+9-LTS");
    Path jar = Files.writeString(root.resolve("remote-cache-mock.jar"), "not really a jar");
    List<String> command =
        Launcher.serverCommand(
            java,
            jar,
            List.of("-Xmx2g", "-Dmine=1"),
            Map.of(),
            ParentWatch.HALT,
            new String[] {"--port", "0"});

    assertEquals(java.toString(), command.get(0));
    assertTrue(command.contains("-XX:+UseParallelGC"), command.toString());
    assertFalse(command.contains("-Xmx384m"), "the user chose the heap size: " + command);
    assertTrue(
        command.indexOf("-Xmx2g") > command.indexOf("-XX:+UseParallelGC"),
        "user options come last: " + command);
    assertTrue(command.contains("-D" + Launcher.CHILD_PROPERTY + "=halt"), command.toString());
    assertEquals(
        List.of("-jar", jar.toString(), "--port", "0"),
        command.subList(command.size() - 4, command.size()));
  }

  @Test
  void eachDefaultGivesWayToTheUsersChoiceOfTheSameSetting() {
    List<String> none = JvmDefaults.options(25, List.of());
    assertTrue(
        none.containsAll(List.of("-XX:+UseParallelGC", "-Xmn64m", "-Xms96m", "-Xmx384m")),
        none.toString());

    List<String> g1 = JvmDefaults.options(25, List.of("-XX:+UseG1GC"));
    assertFalse(g1.contains("-XX:+UseParallelGC"), "two collectors would stop the JVM: " + g1);
    List<String> ram = JvmDefaults.options(25, List.of("-XX:MaxRAMPercentage=50"));
    assertFalse(ram.contains("-Xmx384m"), "-Xmx would override the user's percentage: " + ram);
    List<String> young = JvmDefaults.options(25, List.of("-XX:NewSize=8m"));
    assertFalse(young.contains("-Xmn64m"), young.toString());
  }

  @Test
  void jvmNotesGoToStderrAndCacheNotesNowhereWithTagsTheJdkKnows() {
    assertEquals(
        List.of("-Xlog:disable", "-Xlog:all=warning,cds*=off:stderr"), JvmDefaults.logging(21));
    assertEquals(
        List.of("-Xlog:disable", "-Xlog:all=warning,cds*=off,aot*=off:stderr"),
        JvmDefaults.logging(25));
  }

  @Test
  void relaunchIsTheDefaultUnlessTurnedOffOrAnAgentIsAttached() {
    assertTrue(Launcher.relaunchWanted(Map.of(), List.of("-Xmx1g")));
    assertFalse(Launcher.relaunchWanted(Map.of(Launcher.RELAUNCH_ENV, "false"), List.of()));
    assertFalse(Launcher.relaunchWanted(Map.of(Launcher.RELAUNCH_ENV, "0"), List.of()));
    assertTrue(Launcher.relaunchWanted(Map.of(Launcher.RELAUNCH_ENV, "true"), List.of()));
    assertFalse(
        Launcher.relaunchWanted(
            Map.of(), List.of("-agentlib:jdwp=transport=dt_socket,server=y,address=5005")),
        "the debugger's port is this JVM's");
    assertFalse(
        Launcher.relaunchWanted(Map.of(), List.of("-XX:StartFlightRecording=filename=x.jfr")));
  }

  @Test
  void onJdk25TheAotCacheBesideTheJarIsUsedOnlyWhenThatJdkWroteOne(@TempDir Path root)
      throws Exception {
    Path home = jdk(root, "jdk-25", "25.0.3+9-LTS").getParent().getParent();
    Path jar = Files.writeString(root.resolve("remote-cache-mock.jar"), "jar");
    Map<String, String> env =
        Map.of("REMOTE_CACHE_MOCK_CACHE_DIR", root.resolve("user-cache").toString());

    List<String> withoutCache = ClassDataCache.options(jar, home, 25, env);
    assertEquals(
        "-XX:+AutoCreateSharedArchive", withoutCache.get(0), "no AOT cache: the dynamic archive");
    assertTrue(
        withoutCache.get(1).startsWith("-XX:SharedArchiveFile=" + root.resolve("user-cache")),
        withoutCache.toString());

    Files.writeString(root.resolve("remote-cache-mock.25.0.2+10-LTS.aot"), "another JDK's");
    assertEquals(
        withoutCache,
        ClassDataCache.options(jar, home, 25, env),
        "another JDK's cache is not used");

    Path ours = Files.writeString(root.resolve("remote-cache-mock.25.0.3+9-LTS.aot"), "ours");
    AotCacheStamp.write(ours, jar, AotCacheStamp.sha256(jar));
    assertEquals(List.of("-XX:AOTCache=" + ours), ClassDataCache.options(jar, home, 25, env));
    assertEquals(
        withoutCache, ClassDataCache.options(jar, home, 21, env), "JDK 21 has no AOT cache");
  }

  @Test
  void anAotCacheIsUsedOnlyForTheJarItWasTrainedFrom(@TempDir Path root) throws Exception {
    Path home = jdk(root, "jdk-25", "25.0.3+9-LTS").getParent().getParent();
    Path jar = Files.writeString(root.resolve("remote-cache-mock.jar"), "the jar of build 1");
    Map<String, String> env =
        Map.of("REMOTE_CACHE_MOCK_CACHE_DIR", root.resolve("user-cache").toString());
    Path cache = Files.writeString(root.resolve("remote-cache-mock.25.0.3+9-LTS.aot"), "trained");
    String aot = "-XX:AOTCache=" + cache;

    assertFalse(
        ClassDataCache.options(jar, home, 25, env).contains(aot),
        "no record of the jar it was trained from: not used");
    AotCacheStamp.write(cache, jar, AotCacheStamp.sha256(jar));
    assertEquals(List.of(aot), ClassDataCache.options(jar, home, 25, env));

    // Rebuilt from the same sources (the jar is reproducible): the same bytes at another time.
    String stamp = Files.readString(AotCacheStamp.of(cache));
    Files.setLastModifiedTime(jar, FileTime.fromMillis(1_000_000));
    assertEquals(List.of(aot), ClassDataCache.options(jar, home, 25, env), "the same content");
    assertFalse(
        stamp.equals(Files.readString(AotCacheStamp.of(cache))), "its stamp brought up to date");

    // Rebuilt from other sources without training (or copied over): the old classes must not run.
    Files.writeString(jar, "the jar of build 2");
    assertFalse(ClassDataCache.options(jar, home, 25, env).contains(aot), "another build's cache");
    Files.writeString(jar, "the jar of build 3"); // the same size as the first
    Files.setLastModifiedTime(jar, FileTime.fromMillis(2_000_000));
    assertFalse(ClassDataCache.options(jar, home, 25, env).contains(aot), "the same size");
  }

  @Test
  void noCacheOptionsFromClassesOrWithoutAWritableCacheFolder(@TempDir Path root) throws Exception {
    Path home = jdk(root, "jdk-21", "21.0.5+11").getParent().getParent();
    Path jar = Files.writeString(root.resolve("remote-cache-mock.jar"), "jar");
    Path aFile = Files.writeString(root.resolve("a-file"), "not a folder");
    assertEquals(List.of(), ClassDataCache.options(null, home, 21, Map.of()));
    assertEquals(
        List.of(),
        ClassDataCache.options(
            jar, home, 21, Map.of("REMOTE_CACHE_MOCK_CACHE_DIR", aFile.resolve("sub").toString())));
    assertEquals(
        List.of(),
        ClassDataCache.options(jar, home, 17, Map.of()),
        "JDK 17 has no dynamic archive");
  }

  @Test
  void aUserWhoPicksAClassDataArchiveGetsOnlyTheirs(@TempDir Path root) throws Exception {
    Path java = jdk(root, "jdk-25", "25.0.3+9-LTS");
    Path jar = Files.writeString(root.resolve("remote-cache-mock.jar"), "jar");
    Files.writeString(root.resolve("remote-cache-mock.25.0.3+9-LTS.aot"), "ours");
    List<String> command =
        Launcher.serverCommand(
            java,
            jar,
            List.of("-XX:AOTCache=/mine.aot"),
            Map.of(),
            ParentWatch.HALT,
            new String[0]);
    assertEquals(
        1, command.stream().filter(o -> o.startsWith("-XX:AOTCache")).count(), command.toString());
  }

  private static Path jdk(Path root, String name, String runtimeVersion) throws Exception {
    Path home = Files.createDirectories(root.resolve(name).resolve("bin")).getParent();
    String feature = runtimeVersion.replaceFirst("[.+].*", "");
    Files.writeString(
        home.resolve("release"),
        "JAVA_VERSION=\"" + feature + "\"\nJAVA_RUNTIME_VERSION=\"" + runtimeVersion + "\"\n");
    return home.resolve("bin").resolve("java");
  }

  private static int featureOf(Path root, String name, String release) throws Exception {
    Path home = Files.createDirectories(root.resolve(name));
    Files.writeString(home.resolve("release"), release);
    return Launcher.featureOf(home);
  }
}
