package dev.remotecache.mock.internal.check;

import dev.remotecache.client.model.CacheUsageEvent;
import dev.remotecache.mock.coverage.ContractCoverage;
import dev.remotecache.mock.journal.Rejection;
import dev.remotecache.mock.journal.ServerDeviation;
import java.util.List;

/**
 * What a check reads from a mock, in-process (its journal) or over its admin API: the same data
 * either way, so one {@link ContractVerdict} judges both.
 *
 * @param rejections the rejected requests the journal still holds
 * @param deviations behind {@code --proxy}, the real server's answers that broke the spec
 * @param events the accepted events the journal still holds, for event requirements
 * @param droppedRejections rejected requests the journal dropped (its limit): counted, not shown
 * @param droppedEvents events the journal dropped (its limit): event requirements cannot see them
 */
public record CheckInput(
    List<Rejection> rejections,
    List<ServerDeviation> deviations,
    List<CacheUsageEvent> events,
    ContractCoverage coverage,
    long droppedRejections,
    long droppedEvents) {

  /** With nothing dropped. */
  public CheckInput(
      List<Rejection> rejections,
      List<ServerDeviation> deviations,
      List<CacheUsageEvent> events,
      ContractCoverage coverage) {
    this(rejections, deviations, events, coverage, 0, 0);
  }

  /** Every rejected request, the dropped ones included. */
  public long rejectedCount() {
    return rejections.size() + droppedRejections;
  }

  public CheckInput {
    rejections = List.copyOf(rejections);
    deviations = List.copyOf(deviations);
    events = List.copyOf(events);
  }
}
