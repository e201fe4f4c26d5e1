package dev.remotecache.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.remotecache.client.model.CacheUsageEvent;
import dev.remotecache.mock.junit.RemoteCacheMockExtension;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Many clients at once: every accepted event is in the journal exactly once. */
class ConcurrentClientsTest {

  private static final int CLIENTS = 16;
  private static final int REQUESTS_PER_CLIENT = 100;
  private static final int EVENTS_PER_REQUEST = 5;

  @RegisterExtension static RemoteCacheMockExtension mock = new RemoteCacheMockExtension();

  @Test
  void everyAcceptedEventIsRecordedExactlyOnce() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
    List<Future<Integer>> clients = new ArrayList<>();
    for (int c = 0; c < CLIENTS; c++) {
      int client = c;
      clients.add(
          pool.submit(
              () -> {
                int accepted = 0;
                for (int r = 0; r < REQUESTS_PER_CLIENT; r++) {
                  HttpResponse<String> response =
                      Http.send(Http.authorizedPost(mock.baseUrl(), Http.EVENTS, batch(client, r)));
                  if (response.statusCode() == 200) {
                    accepted += EVENTS_PER_REQUEST;
                  }
                }
                return accepted;
              }));
    }
    int accepted = 0;
    for (Future<Integer> client : clients) {
      accepted += client.get(120, TimeUnit.SECONDS);
    }
    pool.shutdown();

    int expected = CLIENTS * REQUESTS_PER_CLIENT * EVENTS_PER_REQUEST;
    assertEquals(expected, accepted, "every request is answered 200");
    Map<String, Integer> seen = new HashMap<>();
    for (CacheUsageEvent event : mock.events()) {
      seen.merge(event.getHash(), 1, Integer::sum);
    }
    assertEquals(expected, seen.size(), "no event lost");
    assertEquals(List.of(), seen.values().stream().filter(n -> n != 1).toList(), "no event twice");
    assertEquals(List.of(), mock.rejections());
  }

  private static String batch(int client, int request) {
    StringBuilder body = new StringBuilder("[");
    for (int e = 0; e < EVENTS_PER_REQUEST; e++) {
      body.append(e == 0 ? "" : ",")
          .append(
              Http.VALID_EVENT.replace("6304b9faf99a2e19", "c" + client + "r" + request + "e" + e));
    }
    return body.append(']').toString();
  }
}
