// The mock's WireMock set-up without the mock, with or without the options PROFILE.md recommends,
// to measure what each option is worth (start-up and requests/s) before anyone changes the mock.
//
//   javac -cp mock-server/target/remote-cache-mock.jar -d DIR bench/WireMockVariants.java
//   java -cp mock-server/target/remote-cache-mock.jar:DIR WireMockVariants PORT [OPTION,OPTION...]
//
// The baseline is the mock's WireMock configuration as PROFILE.md found it (2026-11-23: bound to
// 127.0.0.1, no request journal, stub request logging off, a silent notifier) with the stub the mock
// then registered for POST /v8/artifacts/events (urlPathTemplate, priority 10, answers 200), and no
// validating filter: WireMock's own cost, option by option. (Today's mock answers API requests in its
// own pipeline, keeps WireMock's journal and registers no stub of its own.) Options, comma-separated:
//   notemplating   templatingEnabled(false): no response-templating extension (Handlebars)
//   nogzip         gzipDisabled(true): no Jetty GzipHandler around every request
//   noproxyclient  httpClientFactory(...) that builds nothing: no Apache HttpClient + SSL context
//                  for proxying, which the mock never does
//   noh2c          http2PlainDisabled(true) + http2TlsDisabled(true): HTTP/1.1 only
//   urlpath        urlPathEqualTo instead of urlPathTemplate for a route without path parameters
//                  (WireMock then skips decorating every request with path parameters)
//   lean           all of the above
// Prints "started in N ms" (JVM start to listening) and runs until SIGTERM. Used by profile.sh.

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathTemplate;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.Notifier;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.http.client.HttpClientFactory;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

public class WireMockVariants {

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        Set<String> opts = new HashSet<>(args.length > 1 ? Arrays.asList(args[1].split(",")) : Set.of());
        if (opts.remove("lean")) {
            opts.addAll(Set.of("notemplating", "nogzip", "noproxyclient", "noh2c", "urlpath"));
        }
        WireMockConfiguration config = options()
                .bindAddress("127.0.0.1")
                .port(port)
                .disableRequestJournal()
                .stubRequestLoggingDisabled(true)
                .notifier(new Silent());
        if (opts.contains("notemplating")) {
            config.templatingEnabled(false);
        }
        if (opts.contains("nogzip")) {
            config.gzipDisabled(true);
        }
        if (opts.contains("noproxyclient")) {
            HttpClientFactory none = (options, trustAll, trusted, useSystemProperties) -> request -> {
                throw new UnsupportedOperationException("this server does not proxy");
            };
            config.httpClientFactory(none);
        }
        if (opts.contains("noh2c")) {
            config.http2PlainDisabled(true).http2TlsDisabled(true);
        }
        WireMockServer server = new WireMockServer(config);
        server.stubFor(post(opts.contains("urlpath") ? urlPathEqualTo("/v8/artifacts/events")
                        : urlPathTemplate("/v8/artifacts/events"))
                .atPriority(10)
                .willReturn(aResponse().withStatus(200)));
        server.start();
        long started = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
        System.out.println("started in " + started + " ms with " + (opts.isEmpty() ? "the mock's options" : opts));
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            stop.countDown();
        }));
        stop.await();
    }

    static final class Silent implements Notifier {
        @Override
        public void info(String message) {
        }

        @Override
        public void error(String message) {
            System.err.println(message);
        }

        @Override
        public void error(String message, Throwable t) {
            System.err.println(message + ": " + t);
        }
    }
}
