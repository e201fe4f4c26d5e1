package dev.remotecache.mock;

import dev.remotecache.client.model.Violation;
import dev.remotecache.mock.internal.text.ViolationText;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A stub the mock will not serve, because its answer is not one the spec allows for the operation
 * it matches (or it matches none): thrown by {@code stubFor}, and by a start whose mappings
 * directory holds such a stub. The admin API answers the same refusal with {@code 400} in the API's
 * error shape.
 */
public final class StubRefused extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String stub;
  private final transient List<Violation> violations;

  /**
   * @param stub the stub as a person finds it: its name or id, or the file it came from
   * @param violations every way its answer breaks the contract
   */
  public StubRefused(String stub, List<Violation> violations) {
    super(message(stub, violations));
    this.stub = stub;
    this.violations = List.copyOf(violations);
  }

  /** The stub as a person finds it: its name or id, or the file it came from. */
  public String stub() {
    return stub;
  }

  /** Every way its answer breaks the contract, in the API's violation format. */
  public List<Violation> violations() {
    return violations;
  }

  private static String message(String stub, List<Violation> violations) {
    return "stub "
        + stub
        + " refused: its answer is not one the spec allows: "
        + violations.stream()
            .map(v -> ViolationText.placeAndRule(v) + ": " + v.getMessage())
            .collect(Collectors.joining("; "));
  }
}
