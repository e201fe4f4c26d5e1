package dev.remotecache.mock;

import dev.remotecache.mock.contract.BodySizeLimit;
import dev.remotecache.mock.stub.model.CachingStatus;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * Everything a mock can be told, with the defaults a newcomer gets: see {@link RemoteCacheMock.Builder}.
 *
 * @param storage directory for artifacts, or {@code null} to keep them in memory
 * @param adminToken token the admin API requires, or {@code null} for none (loopback callers only)
 * @param journalLimit how many events (and, separately, rejections) the journal keeps before dropping the oldest
 * @param colourLog whether request log lines carry ANSI colours (for a terminal)
 * @param proxyTarget a real server to forward to (validating proxy mode), or {@code null} to answer as the mock
 * @param forwardInvalid with a proxy, forward requests that break the contract too (with a warning)
 */
public record MockSettings(
        String host,
        int port,
        List<String> tokens,
        Path storage,
        CachingStatus status,
        BodySizeLimit bodySizeLimit,
        Duration idleTimeout,
        int journalLimit,
        String adminToken,
        Consumer<String> requestLog,
        boolean colourLog,
        URI proxyTarget,
        boolean forwardInvalid) {

    /** No request log: lines are then not even formatted. */
    public static final Consumer<String> NO_REQUEST_LOG = line -> { };

    public MockSettings {
        tokens = List.copyOf(tokens);
    }
}
