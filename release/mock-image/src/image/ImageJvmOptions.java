import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the image's JVM options file (read by the entrypoint as {@code java @/app/jvm.options}):
 * the image's defaults from dev.remotecache.mock.launcher.JvmDefaults#imageOptions (the jar's
 * server-JVM defaults with the image's collector, read from the jar so that the two never drift),
 * then what only the container needs. The AOT cache is trained with this file, then added to it.
 *
 * <p>Run by build-image-root.sh as a single-file program: {@code java -cp remote-cache-mock.jar
 * ImageJvmOptions FEATURE OUT [AOT_CACHE]}. JvmDefaults is package-private: it is read by reflection,
 * which the class path (an unnamed module) allows.
 */
public class ImageJvmOptions {

    public static void main(String[] args) throws Exception {
        int feature = Integer.parseInt(args[0]);
        Path out = Path.of(args[1]);
        Class<?> defaults = Class.forName("dev.remotecache.mock.launcher.JvmDefaults");
        Method options = defaults.getDeclaredMethod("imageOptions", int.class);
        options.setAccessible(true);
        @SuppressWarnings("unchecked")
        List<String> lines = new ArrayList<>((List<String>) options.invoke(null, feature));
        // No hsperfdata file in /tmp (no jcmd/jstat in the image to read it; the root may be read-only).
        lines.add("-XX:-UsePerfData");
        // The server runs in this JVM, PID 1 of the container: no launcher parent.
        lines.add("-Dremotecache.relaunch=false");
        // Reachable through the container's published port; --host on the command line still wins.
        lines.add("-Dremotecache.defaultHost=0.0.0.0");
        if (args.length > 2) {
            lines.add("-XX:AOTCache=" + args[2]);
        }
        Files.write(out, lines);
    }
}
