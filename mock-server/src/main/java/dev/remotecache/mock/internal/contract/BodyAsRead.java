package dev.remotecache.mock.internal.contract;

/** How much of a request's body the pipeline has read when it asks the contract. */
public sealed interface BodyAsRead {

  /**
   * Not read yet, and maybe never (a client waiting for {@code 100 Continue}): the headers are
   * checked, the body's violations are left until it is read.
   */
  BodyAsRead HEADERS_FIRST = new HeadersFirst();

  /** An artifact, left in its stream to flow into the store: only its presence is checked. */
  BodyAsRead STREAMED = new Streamed();

  record HeadersFirst() implements BodyAsRead {}

  record Streamed() implements BodyAsRead {}

  /** Read whole ({@code new byte[0]} for none). */
  record Read(byte[] bytes) implements BodyAsRead {}
}
