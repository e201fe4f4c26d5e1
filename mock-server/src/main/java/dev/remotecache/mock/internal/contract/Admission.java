package dev.remotecache.mock.internal.contract;

/**
 * The contract's answer to one request: its verdict (accepted, or the violations), and the request
 * as the validator saw it, for the operation that serves it ({@code null} when its method is none
 * the validator knows).
 */
public record Admission(RequestVerdict verdict, ValidatorRequest request) {

  public boolean accepted() {
    return verdict.accepted();
  }
}
