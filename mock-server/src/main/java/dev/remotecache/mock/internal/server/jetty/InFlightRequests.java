package dev.remotecache.mock.internal.server.jetty;

import java.io.IOException;
import java.time.Duration;
import wiremock.jakarta.servlet.Filter;
import wiremock.jakarta.servlet.FilterChain;
import wiremock.jakarta.servlet.ServletException;
import wiremock.jakarta.servlet.ServletRequest;
import wiremock.jakarta.servlet.ServletResponse;

/**
 * Counts the API requests being served, so that a stop (SIGTERM, Ctrl-C, the JUnit extension's end)
 * can let them finish before the server closes their connections.
 */
public final class InFlightRequests implements Filter {

  private int active;

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    synchronized (this) {
      active++;
    }
    try {
      chain.doFilter(request, response);
    } finally {
      synchronized (this) {
        active--;
        notifyAll();
      }
    }
  }

  /** Waits until no request is being served, or the timeout passes; returns how many still are. */
  public synchronized int awaitIdle(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (active > 0) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        break;
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return active;
  }
}
