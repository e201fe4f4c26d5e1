import dev.remotecache.mock.RemoteCacheMock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * How long a test waits for the mock: from {@code start()} to the answer to its first request (a valid
 * POST of one event), in process (Java 21+) and out of process (Java 17, or -Dremotecache.mock.outOfProcess=true).
 * Run by bench/extension-start.sh; ROUNDS mocks one after the other in this JVM, as test classes would.
 */
public class ExtensionStart {
  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    HttpClient http = HttpClient.newHttpClient();
    List<Long> startMs = new ArrayList<>();
    List<Long> firstAnswerMs = new ArrayList<>();
    for (int i = 0; i < rounds; i++) {
      RemoteCacheMock mock = RemoteCacheMock.builder().port(0).build();
      long t0 = System.nanoTime();
      mock.start();
      long t1 = System.nanoTime();
      HttpResponse<String> answer =
          http.send(
              HttpRequest.newBuilder(URI.create(mock.baseUrl() + "/v8/artifacts/events?slug=bench"))
                  .header("Authorization", "Bearer bench-token")
                  .header("Content-Type", "application/json")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "[{\"sessionId\": \"56699e9f-0892-44d5-b956-3f2ddfd4512e\", \"source\": \"REMOTE\","
                              + " \"event\": \"HIT\", \"hash\": \"6304b9faf99a2e19\", \"duration\": 178}]"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      long t2 = System.nanoTime();
      if (answer.statusCode() != 200 || mock.events().size() != 1) {
        throw new IllegalStateException("unexpected answer " + answer.statusCode() + " " + answer.body());
      }
      mock.stop();
      startMs.add((t1 - t0) / 1_000_000);
      firstAnswerMs.add((t2 - t0) / 1_000_000);
    }
    System.out.printf(
        "java %d, %s: start() %s ms, start() to first answer %s ms; median %d ms%n",
        Runtime.version().feature(),
        Runtime.version().feature() < 21 || Boolean.getBoolean("remotecache.mock.outOfProcess")
            ? "out of process"
            : "in process",
        startMs,
        firstAnswerMs,
        median(firstAnswerMs));
  }

  private static long median(List<Long> values) {
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }
}
