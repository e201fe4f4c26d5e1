// What the mock's start-up time is made of, stage by stage, in one fresh JVM.
//
//   javac -cp mock-server/target/remote-cache-mock.jar -d /tmp/sb bench/StartupBreakdown.java
//   java -cp mock-server/target/remote-cache-mock.jar:/tmp/sb StartupBreakdown
//
// (bench/profile.sh does both. It is compiled first rather than run as a source file, because
// source launch would load javac into the very JVM whose start-up is being measured.)
//
// It repeats, with a timestamp around each step, what `java -jar remote-cache-mock.jar` does before
// it answers its first request:
//   JVM boot (to main), read the spec text, parse + resolve it (swagger-parser), build the
//   validator (OpenApiInteractionValidator), build the mock (RemoteCacheMock.build(): the contract
//   once more, now with warm classes, plus the request pipeline and WireMock's configuration), start
//   it (WireMock's Jetty), then the first and second requests over a plain socket (the first one pays
//   for the lazy work: the request pipeline's classes, JSON-schema compilation).
// The CLI's own parts (the Java 17 launcher, picocli) are not included; compare with run.sh's
// outside figure (launch to first answer) for what they and the JVM add.

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import dev.remotecache.mock.RemoteCacheMock;
import dev.remotecache.contract.core.ApiContract;
import dev.remotecache.openapi.RemoteCacheSpec;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.core.models.ParseOptions;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

public class StartupBreakdown {

    static long last;
    static long total;

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        System.setProperty("org.slf4j.simpleLogger.log.com.networknt", "error");
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        long toMain = System.currentTimeMillis() - jvmStart;
        System.out.printf(Locale.ROOT, "| %-62s | %8s | %8s | %s |%n", "stage", "ms", "total ms", "classes loaded");
        System.out.printf(Locale.ROOT, "| %-62s | %8s | %8s | %s |%n", "---", "---:", "---:", "---:");
        total = toMain;
        row("JVM start to main (JVM boot; measured from the JVM's own start time)", toMain);
        last = System.nanoTime();

        String text = RemoteCacheSpec.text();
        lap("read the spec text from the classpath");

        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        options.setResolveFully(true);
        OpenAPI api = new OpenAPIParser().readContents(text, null, options).getOpenAPI();
        lap("parse + fully resolve the spec (swagger-parser)");

        OpenApiInteractionValidator validator = OpenApiInteractionValidator.createFor(api).build();
        lap("build the validator (OpenApiInteractionValidator)");

        ApiContract.load();
        lap("ApiContract.load() again, classes now loaded (warm)");

        RemoteCacheMock mock = RemoteCacheMock.builder().port(0).build();
        lap("RemoteCacheMock.build(): warm contract + pipeline + WireMock config");

        mock.start();
        lap("start: WireMock's Jetty listening");

        int status = post(mock.port());
        lap("first request answered (" + status + "): cold request path");

        status = post(mock.port());
        lap("second request answered (" + status + ")");

        for (int i = 0; i < 200; i++) {
            post(mock.port());
        }
        long before = System.nanoTime();
        post(mock.port());
        double warm = (System.nanoTime() - before) / 1e6;
        System.out.printf(Locale.ROOT, "%nAfter 200 more requests, one request takes %.2f ms (new connection each time).%n", warm);
        mock.stop();
        if (validator == null) {
            throw new IllegalStateException();
        }
    }

    static void lap(String stage) {
        long now = System.nanoTime();
        long ms = Math.round((now - last) / 1e6);
        total += ms;
        row(stage, ms);
        last = System.nanoTime();
    }

    static void row(String stage, long ms) {
        System.out.printf(Locale.ROOT, "| %-62s | %8d | %8d | %,d |%n", stage, ms, total,
                ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount());
    }

    /** One valid single-event POST over a plain socket (no HTTP client classes to load). */
    static int post(int port) throws Exception {
        byte[] body = ("[{\"sessionId\":\"56699e9f-0892-44d5-b956-3f2ddfd4512e\",\"source\":\"LOCAL\","
                + "\"event\":\"HIT\",\"hash\":\"6304b9faf99a2e19\",\"duration\":0}]").getBytes(StandardCharsets.UTF_8);
        String head = "POST /v8/artifacts/events HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + "\r\nAuthorization: Bearer x\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                + "\r\nConnection: close\r\n\r\n";
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] answer = in.readAllBytes();
            String statusLine = new String(answer, 0, Math.min(answer.length, 12), StandardCharsets.US_ASCII);
            return Integer.parseInt(statusLine.substring(9, 12));
        }
    }
}
