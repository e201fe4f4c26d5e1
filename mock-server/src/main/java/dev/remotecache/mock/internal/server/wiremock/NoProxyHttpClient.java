package dev.remotecache.mock.internal.server.wiremock;

import com.github.tomakehurst.wiremock.core.Options;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.http.client.HttpClient;
import com.github.tomakehurst.wiremock.http.client.HttpClientFactory;
import java.io.IOException;
import java.util.List;

/**
 * WireMock's client for proxying stubs, which the mock never uses (its own validating proxy has its
 * own client): WireMock would otherwise build an Apache HttpClient with a trust-all TLS context at
 * every start, a share of the start-up time.
 */
final class NoProxyHttpClient implements HttpClientFactory, HttpClient {

  @Override
  public HttpClient buildHttpClient(
      Options options,
      boolean trustAllCertificates,
      List<String> trustedHosts,
      boolean useSystemProperties) {
    return this;
  }

  @Override
  public Response execute(com.github.tomakehurst.wiremock.http.Request request) throws IOException {
    throw new IOException("the mock does not proxy through WireMock stubs; use --proxy URL");
  }
}
