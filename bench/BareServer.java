// The machine's limit: an HTTP server that does no work at all.
//
//   java BareServer.java PORT [DOWNLOAD_FILE]
//
// Built on the JDK's own com.sun.net.httpserver (no dependencies, single-file source launch). Every
// request, whatever its method and path, is answered 200 with an empty body once its body has been
// read to the end (the load generator keeps its connections alive, so the body must be drained;
// reading it is also the least any real server does). With DOWNLOAD_FILE, a GET is answered with
// that file's bytes instead (held in memory), so the mix scenario's 1 MB downloads cost it what they
// cost the others. Listens on 127.0.0.1 only; SIGTERM stops it.

import com.sun.net.httpserver.HttpServer;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;

public class BareServer {

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        byte[] download = args.length > 1 ? java.nio.file.Files.readAllBytes(java.nio.file.Path.of(args[1])) : null;
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
        // No executor: every exchange runs on the server's dispatcher thread. With nothing to do per
        // request that is the fastest setup (measured on 2 cores: a fixed pool of 2 workers gave
        // ~35% fewer requests/s and a p99 several times higher, from the hand-offs), and the other
        // core is left to wrk.
        server.createContext("/", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                byte[] buffer = new byte[16 * 1024];
                while (body.read(buffer) >= 0) {
                    // discard
                }
            }
            if (download != null && "GET".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(200, download.length);
                exchange.getResponseBody().write(download);
            } else {
                exchange.sendResponseHeaders(200, -1); // -1: no body, Content-Length: 0
            }
            exchange.close();
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(0)));
        server.start();
        System.out.println("http://127.0.0.1:" + port);
    }
}
