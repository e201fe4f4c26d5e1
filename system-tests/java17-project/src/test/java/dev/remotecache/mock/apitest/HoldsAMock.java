package dev.remotecache.mock.apitest;

import dev.remotecache.mock.RemoteCacheMock;

/**
 * A test JVM of its own for {@link ServerJvmTest}: starts a mock, says so, and waits to be killed.
 */
public final class HoldsAMock {

  static final String READY = "mock started at ";

  public static void main(String[] args) throws InterruptedException {
    RemoteCacheMock mock = RemoteCacheMock.builder().port(0).build().start();
    System.out.println(READY + mock.baseUrl());
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
