package dev.remotecache.mock.internal.server.wiremock;

import com.github.tomakehurst.wiremock.common.Notifier;

/** Keeps WireMock's own chatter out of the request log; its errors still reach stderr. */
final class QuietNotifier implements Notifier {

  @Override
  public void info(String message) {
    // WireMock's per-request info lines would duplicate the request log.
  }

  @Override
  public void error(String message) {
    System.err.println("wiremock: " + message);
  }

  @Override
  public void error(String message, Throwable t) {
    System.err.println("wiremock: " + message + ": " + t);
  }
}
