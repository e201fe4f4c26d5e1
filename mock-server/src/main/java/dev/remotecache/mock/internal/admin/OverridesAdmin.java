package dev.remotecache.mock.internal.admin;

import dev.remotecache.contract.core.ApiContract;
import dev.remotecache.mock.internal.operations.DocumentedAnswers;
import dev.remotecache.mock.internal.overrides.ResponseOverrides;
import dev.remotecache.mock.overrides.FaultRule;
import dev.remotecache.mock.overrides.ForcedResponse;
import java.util.Optional;

/**
 * Sets forced responses and faults after checking them against the spec: an unknown operation, or a
 * status the operation does not document, is refused with a message naming what exists.
 */
public final class OverridesAdmin {

  private final ApiContract contract;
  private final DocumentedAnswers documented;
  private final ResponseOverrides overrides;

  public OverridesAdmin(
      ApiContract contract, DocumentedAnswers documented, ResponseOverrides overrides) {
    this.contract = contract;
    this.documented = documented;
    this.overrides = overrides;
  }

  public ResponseOverrides overrides() {
    return overrides;
  }

  public DocumentedAnswers documented() {
    return documented;
  }

  /** Forces {@code response}; throws {@link IllegalArgumentException} saying why it cannot be. */
  public void force(ForcedResponse response) {
    ApiContract.Route route = route(response.operationId());
    Optional<String> refusal = documented.refusal(route.operation(), response);
    if (refusal.isPresent()) {
      throw new IllegalArgumentException(refusal.get());
    }
    overrides.force(response);
  }

  /** Injects {@code fault}; throws {@link IllegalArgumentException} for an unknown operation. */
  public void inject(FaultRule fault) {
    if (!fault.operationId().equals("*")) {
      route(fault.operationId());
    }
    overrides.inject(fault);
  }

  private ApiContract.Route route(String operationId) {
    return contract
        .route(operationId)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "the spec has no operation "
                        + operationId
                        + "; it has "
                        + contract.routes().stream().map(ApiContract.Route::operationId).toList()));
  }
}
