package dev.remotecache.mock.internal.admin;

import dev.remotecache.client.model.Violation;
import dev.remotecache.client.model.ViolationLocation;
import dev.remotecache.contract.core.ApiContract;
import dev.remotecache.mock.internal.contract.ViolationRule;
import dev.remotecache.mock.internal.contract.Violations;
import dev.remotecache.mock.internal.operations.DocumentedAnswers;
import dev.remotecache.mock.internal.workbench.ResponseOverrides;
import dev.remotecache.mock.overrides.FaultRule;
import dev.remotecache.mock.overrides.ForcedResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Sets forced responses and faults after checking them against the spec: an unknown operation, or a
 * status the operation does not document, is refused with a violation naming what exists.
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

  /** The API's contract the overrides are checked against. */
  public ApiContract contract() {
    return contract;
  }

  /** Forces {@code response}; throws {@link IllegalArgumentException} saying why it cannot be. */
  public void force(ForcedResponse response) {
    refusal(response).ifPresent(OverridesAdmin::refuse);
    overrides.force(response);
  }

  /** Injects {@code fault}; throws {@link IllegalArgumentException} for an unknown operation. */
  public void inject(FaultRule fault) {
    refusal(fault).ifPresent(OverridesAdmin::refuse);
    overrides.inject(fault);
  }

  /** Why {@code response} cannot be forced (at {@code /operationId} or {@code /status}), if so. */
  public Optional<Violation> refusal(ForcedResponse response) {
    Optional<ApiContract.Route> route = contract.route(response.operationId());
    if (route.isEmpty()) {
      return Optional.of(unknownOperation(response.operationId(), operationIds()));
    }
    boolean statusDocumented =
        route.get().operation().getResponses().containsKey(String.valueOf(response.status()));
    return documented
        .refusal(route.get().operation(), response)
        .map(
            message ->
                Violations.of(ViolationLocation.BODY, ViolationRule.ENUM, message)
                    .at(statusDocumented ? "/example" : "/status")
                    .actual(statusDocumented ? response.example() : response.status()));
  }

  /** Why {@code fault} cannot be injected (an operation the spec does not declare), if so. */
  public Optional<Violation> refusal(FaultRule fault) {
    if (fault.operationId().equals("*") || contract.route(fault.operationId()).isPresent()) {
      return Optional.empty();
    }
    List<String> allowed = new ArrayList<>(operationIds());
    allowed.add("*");
    return Optional.of(unknownOperation(fault.operationId(), allowed));
  }

  private List<String> operationIds() {
    return contract.routes().stream().map(ApiContract.Route::operationId).toList();
  }

  private static Violation unknownOperation(String operationId, List<String> allowed) {
    return Violations.of(
            ViolationLocation.BODY,
            ViolationRule.ENUM,
            "the spec has no operation " + operationId + "; it has " + allowed)
        .at("/operationId")
        .expected(allowed)
        .actual(operationId);
  }

  private static void refuse(Violation violation) {
    throw new IllegalArgumentException(violation.getMessage());
  }
}
