package dev.remotecache.contract;

/**
 * A request that breaks exactly one rule of the spec, and what a conforming server must say: the
 * status, and a violation at {@code in}/{@code at} naming {@code rule}.
 */
public record ConstraintCase(String in, String at, String rule, int expectedStatus, ContractRequest request) {

    /** A readable test name: {@code recordEvents: body /0/source enum}. */
    public String name() {
        return request.operationId() + ": " + in + " " + (at.isEmpty() ? "(whole body)" : at) + " " + rule;
    }
}
