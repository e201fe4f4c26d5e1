package dev.remotecache.mock.internal.server.jetty;

import com.github.tomakehurst.wiremock.core.Options;
import com.github.tomakehurst.wiremock.http.AdminRequestHandler;
import com.github.tomakehurst.wiremock.http.HttpServerFactory;
import com.github.tomakehurst.wiremock.http.StubRequestHandler;
import com.github.tomakehurst.wiremock.jetty11.Jetty11HttpServer;
import java.io.IOException;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Executors;
import wiremock.jakarta.servlet.DispatcherType;
import wiremock.jakarta.servlet.Filter;
import wiremock.jakarta.servlet.FilterChain;
import wiremock.jakarta.servlet.ServletException;
import wiremock.jakarta.servlet.ServletRequest;
import wiremock.jakarta.servlet.ServletResponse;
import wiremock.org.eclipse.jetty.server.Server;
import wiremock.org.eclipse.jetty.servlet.FilterHolder;
import wiremock.org.eclipse.jetty.servlet.ServletContextHandler;
import wiremock.org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * WireMock's Jetty server with one servlet filter in front of the API (not the admin API), and
 * Jetty's own error answers in the API's error shape.
 */
public final class LimitedJettyServer extends Jetty11HttpServer {

  // Set while the superclass constructor builds the handlers (which is when the hooks below run),
  // so they must not have initialisers: one would run after, and erase them.
  private Gate apiGate;
  private Gate adminGate;

  private LimitedJettyServer(
      Options options,
      AdminRequestHandler admin,
      StubRequestHandler stubs,
      List<Filter> apiFilters,
      List<Filter> adminFilters) {
    super(options, admin, stubs);
    apiGate.filters = apiFilters;
    adminGate.filters = adminFilters;
  }

  /**
   * A factory for servers that run {@code apiFilters}, in order, in front of the API, and {@code
   * adminFilters} in front of WireMock's admin API ({@code /__admin}).
   */
  public static HttpServerFactory factory(List<Filter> apiFilters, List<Filter> adminFilters) {
    List<Filter> api = List.copyOf(apiFilters);
    List<Filter> admin = List.copyOf(adminFilters);
    return (options, adminHandler, stubs) ->
        new LimitedJettyServer(options, adminHandler, stubs, api, admin);
  }

  @Override
  protected void applyAdditionalServerConfiguration(Server server, Options options) {
    super.applyAdditionalServerConfiguration(server, options);
    server.setErrorHandler(new JsonErrorHandler());
    // Jetty's own shutdown hook would close connections at once; RemoteCacheMock.stop() lets
    // requests in flight finish first.
    server.setStopAtShutdown(false);
    // Requests run on virtual threads: a request that waits (a slow upload, an injected delay)
    // holds no platform thread, and the CPU-bound checks run on as many carriers as there are
    // cores, so that the JIT compiler threads are not crowded out by a runnable thread per
    // connection while the mock warms up (bench/results-ab.md). Named, so that a log line says
    // which request's thread wrote it.
    if (server.getThreadPool() instanceof QueuedThreadPool pool) {
      pool.setVirtualThreadsExecutor(
          Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("request-", 1).factory()));
    }
  }

  @Override
  protected void decorateMockServiceContextBeforeConfig(ServletContextHandler context) {
    super.decorateMockServiceContextBeforeConfig(context);
    apiGate = new Gate();
    context.addFilter(new FilterHolder(apiGate), "/*", EnumSet.of(DispatcherType.REQUEST));
  }

  @Override
  protected void decorateAdminServiceContextBeforeConfig(ServletContextHandler context) {
    super.decorateAdminServiceContextBeforeConfig(context);
    adminGate = new Gate();
    context.addFilter(new FilterHolder(adminGate), "/*", EnumSet.of(DispatcherType.REQUEST));
  }

  /**
   * Jetty wants the filter before this server's own constructor has run; the gate is filled in
   * after.
   */
  private static final class Gate implements Filter {
    private volatile List<Filter> filters;

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
        throws IOException, ServletException {
      // Virtual threads are not time-sliced, and a connection's thread goes on to its next request
      // when it is already there: letting the others run first keeps the connections served in
      // turn (the p99 of 100-event batches under load was twice as long without it).
      if (Thread.currentThread().isVirtual()) {
        Thread.yield();
      }
      new Chain(filters, 0, chain).doFilter(request, response);
    }
  }

  private record Chain(List<Filter> filters, int index, FilterChain last) implements FilterChain {
    @Override
    public void doFilter(ServletRequest request, ServletResponse response)
        throws IOException, ServletException {
      if (index == filters.size()) {
        last.doFilter(request, response);
      } else {
        filters.get(index).doFilter(request, response, new Chain(filters, index + 1, last));
      }
    }
  }
}
