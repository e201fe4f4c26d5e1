package dev.remotecache.mock.internal.pipeline;

import dev.remotecache.client.model.Violation;
import dev.remotecache.client.model.ViolationLocation;
import dev.remotecache.mock.MemoryBudget;
import dev.remotecache.mock.internal.contract.BodySizeLimit;
import dev.remotecache.mock.internal.contract.JsonTreeCost;
import dev.remotecache.mock.internal.contract.ViolationRule;
import dev.remotecache.mock.internal.contract.Violations;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The heap JSON bodies may take while they are read, parsed and checked ({@link
 * MemoryBudget#jsonBodyBytes()}), shared by the requests in flight.
 *
 * <p>Before a byte is read, a body takes room for {@link MemoryBudget#JSON_BYTES_PER_BODY_BYTE}
 * times its {@code Content-Length} (its bytes and the tree of an ordinary body; all the room a body
 * may take when it comes chunked), waiting up to {@link #WAIT} for bodies in progress to give room
 * back. Once read, its tree's cost is counted from its tokens ({@link JsonTreeCost}; a body of at
 * most {@value #UNCOUNTED_BODY_BYTES} bytes takes room for the costliest tree of its size instead,
 * if that is free at once): room it does not need goes back, and a tree larger than its room (a
 * body of empty objects costs over 30 times its size) takes more only if there is some free at
 * once, never waiting while holding room, so two bodies never wait for each other. A body is
 * refused with 413 before it is parsed when it cannot have its room. So the JSON bodies in flight
 * never take more than the budget, however many there are and whatever they hold.
 */
final class JsonBodyBudget {

  /** How long a body waits for room that bodies in progress hold. */
  static final Duration WAIT = Duration.ofSeconds(60);

  private static final int UNIT = 1024; // permits are KiB: a semaphore counts in ints

  /**
   * A body this small takes room for the costliest tree it could hold, when that is free at once,
   * instead of having its tokens counted (most bodies are a few events).
   */
  static final int UNCOUNTED_BODY_BYTES = 1024;

  private final long budgetBytes;
  private final BodySizeLimit limit;
  private final Semaphore room;

  /**
   * @param budgetBytes the heap JSON bodies may take together
   * @param maxBodyBytes the body limit of the mock ({@code --max-body-size})
   */
  JsonBodyBudget(long budgetBytes, long maxBodyBytes) {
    this.budgetBytes = Math.max(UNIT, budgetBytes);
    this.limit =
        new BodySizeLimit(
            Math.max(
                1,
                Math.min(maxBodyBytes, this.budgetBytes / MemoryBudget.JSON_BYTES_PER_BODY_BYTE)));
    this.room = new Semaphore(units(this.budgetBytes), true);
  }

  /**
   * The limit of a JSON body: the mock's body limit, or less when its heap could not check a larger
   * one.
   */
  BodySizeLimit limit() {
    return limit;
  }

  /** Room for one body, given back on {@link #close()}. */
  Room enter() {
    return new Room();
  }

  final class Room implements AutoCloseable {
    private int held;

    /**
     * Takes room for a body declaring {@code contentLength} ({@code null}: sent chunked) before it
     * is read; a violation if it is over the JSON limit or finds no room.
     */
    Optional<Violation> forBytes(String contentLength) {
      Optional<Violation> over = limit.checkDeclared(contentLength);
      if (over.isPresent()) {
        return over.map(
            v ->
                v.message(
                    v.getMessage()
                        + " (the largest JSON body the mock's heap can check: java -Xmx gives it"
                        + " more)"));
      }
      long declared = contentLength == null ? limit.maxBytes() : parse(contentLength);
      int units = units(declared * MemoryBudget.JSON_BYTES_PER_BODY_BYTE);
      try {
        if (!room.tryAcquire(units, WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
          return Optional.of(
              violation(
                  declared * MemoryBudget.JSON_BYTES_PER_BODY_BYTE,
                  "finds no room within "
                      + WAIT.toSeconds()
                      + " s while other large JSON bodies are checked; send it again"));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.of(violation(declared, "came while the mock is stopping"));
      }
      held = units;
      return Optional.empty();
    }

    /**
     * Fits the room to the tree parsed from {@code body}: gives back what it does not need, or
     * takes more if it is free now; a violation if it is not.
     */
    Optional<Violation> forTree(byte[] body) {
      if (body.length <= UNCOUNTED_BODY_BYTES
          && fit(units((long) body.length * JsonTreeCost.MOST_PER_BODY_BYTE))) {
        return Optional.empty();
      }
      long cost = JsonTreeCost.of(body);
      if (cost <= budgetBytes && fit(units(cost))) {
        return Optional.empty();
      }
      return Optional.of(
          violation(
              cost,
              cost > budgetBytes
                  ? "more than the mock checks at once"
                  : "more than is free while other JSON bodies are checked; send it again"));
    }

    /**
     * Holds {@code needed} units: gives back what is over, or takes what is missing if free now.
     */
    private boolean fit(int needed) {
      if (needed <= held) {
        room.release(held - needed);
      } else if (!room.tryAcquire(needed - held)) {
        return false;
      }
      held = needed;
      return true;
    }

    @Override
    public void close() {
      room.release(held);
      held = 0;
    }
  }

  private Violation violation(long cost, String why) {
    return Violations.of(
            ViolationLocation.BODY,
            ViolationRule.BODY_SIZE,
            "the JSON body takes about "
                + cost
                + " bytes of the mock's heap once parsed, "
                + why
                + " (it checks JSON bodies of at most "
                + budgetBytes
                + " bytes of heap together, a share of its heap: java -Xmx gives it more)")
        .at("")
        .expected(budgetBytes)
        .actual(cost);
  }

  private static long parse(String contentLength) {
    try {
      return Math.max(0, Long.parseLong(contentLength.trim()));
    } catch (NumberFormatException e) {
      return 0; // the HTTP server itself refuses a malformed length
    }
  }

  private static int units(long bytes) {
    return (int) Math.min(Integer.MAX_VALUE, (bytes + UNIT - 1) / UNIT);
  }
}
