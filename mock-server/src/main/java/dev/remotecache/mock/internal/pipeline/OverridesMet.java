package dev.remotecache.mock.internal.pipeline;

import dev.remotecache.mock.overrides.FaultRule;

/**
 * Which of the workbench's overrides shaped an answer, for the contract coverage.
 *
 * @param preferCode the documented status asked for with {@code Prefer: code=...}, or {@code null}
 * @param forcedStatus the status of the forced response served, or {@code null}
 * @param fault the kind of the injected fault, or {@code null}
 */
record OverridesMet(Integer preferCode, Integer forcedStatus, FaultRule.Kind fault) {
  static final OverridesMet NONE = new OverridesMet(null, null, null);
}
