package dev.remotecache.contract.generative;

/** How many requests, and how much time, the generative mode may spend on a server. */
final class Budget {

  /** Thrown when the budget is spent: the run stops where it is and reports what it found. */
  static final class Exhausted extends RuntimeException {
    Exhausted(String why) {
      super(why, null, false, false);
    }
  }

  private final long maxRequests;
  private final long deadlineNanos;
  private long requests;

  Budget(long maxRequests, long maxSeconds) {
    this.maxRequests = maxRequests;
    this.deadlineNanos = System.nanoTime() + maxSeconds * 1_000_000_000L;
  }

  /** Counts one request, or throws when none is left. */
  void spend() {
    if (requests >= maxRequests) {
      throw new Exhausted("--max-requests " + maxRequests + " reached");
    }
    if (System.nanoTime() - deadlineNanos > 0) {
      throw new Exhausted("--max-seconds reached");
    }
    requests++;
  }

  long spent() {
    return requests;
  }
}
