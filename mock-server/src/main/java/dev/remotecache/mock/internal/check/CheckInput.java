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
 * @param deviations behind {@code --proxy}, the real server's answers that broke the spec
 * @param events the accepted events, for event requirements
 */
public record CheckInput(
    List<Rejection> rejections,
    List<ServerDeviation> deviations,
    List<CacheUsageEvent> events,
    ContractCoverage coverage) {

  public CheckInput {
    rejections = List.copyOf(rejections);
    deviations = List.copyOf(deviations);
    events = List.copyOf(events);
  }
}
