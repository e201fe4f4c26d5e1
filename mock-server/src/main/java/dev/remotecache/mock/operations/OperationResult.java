package dev.remotecache.mock.operations;

import java.util.Map;

/** The answer to an accepted request, ready to send: status, headers, and body bytes (empty for none). */
public record OperationResult(int status, Map<String, String> headers, byte[] body) {

    public OperationResult {
        headers = Map.copyOf(headers);
    }
}
