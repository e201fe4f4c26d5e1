package dev.remotecache.mock.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LauncherTest {

    @Test
    void readsTheFeatureVersionFromAJdksReleaseFile(@TempDir Path jdks) throws Exception {
        assertEquals(25, featureOf(jdks, "temurin-25", "JAVA_VERSION=\"25.0.1\""));
        assertEquals(21, featureOf(jdks, "jdk-21", "IMPLEMENTOR=\"x\"\nJAVA_VERSION=\"21\""));
        assertEquals(8, featureOf(jdks, "jdk8", "JAVA_VERSION=\"1.8.0_392\""));
        assertEquals(0, featureOf(jdks, "broken", "no version here"));
        assertEquals(0, Launcher.featureOf(jdks.resolve("missing")));
    }

    private static int featureOf(Path root, String name, String release) throws Exception {
        Path home = Files.createDirectories(root.resolve(name));
        Files.writeString(home.resolve("release"), release);
        return Launcher.featureOf(home);
    }
}
