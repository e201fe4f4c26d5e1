package dev.remotecache.mock.contract;

/** The API's snake_case error codes (listed in the spec's {@code ErrorDetail}), by HTTP status. */
public final class ErrorCodes {

    private ErrorCodes() {
    }

    public static String forStatus(int status) {
        return switch (status) {
            case 400 -> "bad_request";
            case 401 -> "not_authorized";
            case 402 -> "payment_required";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 413 -> "payload_too_large";
            case 429 -> "rate_limited";
            default -> status >= 500 ? "internal_server_error" : "bad_request";
        };
    }
}
