package dev.remotecache.contract;

/**
 * One check of a server against the spec: what was sent, what the spec expects, what the server
 * answered, and whether that conforms.
 *
 * @param operationId the spec's operation
 * @param check what the request tests ({@code the spec's example}, {@code body /0/source enum},
 *     ...)
 * @param expected what a conforming server answers
 * @param actual what this server answered
 * @param detail why it does not conform (empty when it does)
 */
public record ConformanceCheck(
    String operationId,
    String check,
    String expected,
    String actual,
    boolean conforms,
    String detail) {}
