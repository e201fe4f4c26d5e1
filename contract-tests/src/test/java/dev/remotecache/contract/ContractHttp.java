package dev.remotecache.contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Sends test requests over real HTTP; the request timeout turns a hang into a failure. */
public final class ContractHttp {

  static final String TOKEN = "contract-test-token";
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private ContractHttp() {}

  public static HttpResponse<String> send(ContractRequest request, String baseUrl) {
    return send(request.toHttpRequest(baseUrl, TOKEN));
  }

  public static HttpResponse<String> send(HttpRequest request) {
    try {
      return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
