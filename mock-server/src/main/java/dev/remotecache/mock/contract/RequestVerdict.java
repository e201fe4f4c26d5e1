package dev.remotecache.mock.contract;

import com.atlassian.oai.validator.model.ApiOperation;
import dev.remotecache.mock.stub.model.Violation;
import dev.remotecache.mock.stub.model.ViolationLocation;
import java.util.List;
import java.util.Optional;

/**
 * What the contract says of one request: the operation it is for (when the spec declares one) and
 * every violation found. A request without violations is accepted.
 */
public record RequestVerdict(Optional<ApiOperation> operation, List<Violation> violations) {

    public RequestVerdict {
        violations = List.copyOf(violations);
    }

    public boolean accepted() {
        return violations.isEmpty();
    }

    /**
     * The status a rejection is answered with, from the most basic problem: no such route (404),
     * a method the route does not allow (405), no valid credentials (401), a body over the size
     * limit (413), anything else (400).
     */
    public int status() {
        if (accepted()) {
            throw new IllegalStateException("an accepted request has no error status");
        }
        if (has(ViolationLocation.PATH, "path")) return 404;
        if (has(ViolationLocation.METHOD, "method")) return 405;
        if (violations.stream().anyMatch(v -> v.getIn() == ViolationLocation.SECURITY)) return 401;
        if (violations.stream().anyMatch(v -> "bodySize".equals(v.getRule()))) return 413;
        return 400;
    }

    /** The API's snake_case error code for {@link #status()}. */
    public String errorCode() {
        return ErrorCodes.forStatus(status());
    }

    /** One sentence naming every violation, for the error message. */
    public String summary() {
        return (violations.size() == 1 ? "The request breaks the contract in 1 place: "
                : "The request breaks the contract in " + violations.size() + " places: ") + places();
    }

    /** Every violation, {@code in at message}, separated by semicolons (for the request log). */
    public String places() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < violations.size(); i++) {
            Violation v = violations.get(i);
            text.append(i == 0 ? "" : "; ");
            // Path and method messages name the path themselves.
            boolean locatedByMessage = "path".equals(v.getRule()) || "method".equals(v.getRule());
            if (!locatedByMessage) {
                text.append(v.getIn());
                if (v.getAt() != null && !v.getAt().isEmpty()) {
                    text.append(' ').append(v.getAt());
                }
                text.append(' ');
            }
            text.append(v.getMessage());
        }
        return text.toString();
    }

    private boolean has(ViolationLocation in, String rule) {
        return violations.stream().anyMatch(v -> v.getIn() == in && rule.equals(v.getRule()));
    }
}
