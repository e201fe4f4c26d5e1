package dev.remotecache.mock;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.remotecache.mock.contract.ApiContract;
import dev.remotecache.mock.contract.BearerTokens;
import dev.remotecache.mock.contract.ContractCheck;
import dev.remotecache.mock.journal.EventBatch;
import dev.remotecache.mock.journal.MockJournal;
import dev.remotecache.mock.journal.Rejection;
import dev.remotecache.mock.operations.OperationDispatcher;
import dev.remotecache.mock.operations.StatefulArtifactsApi;
import dev.remotecache.mock.store.ArtifactStore;
import dev.remotecache.mock.store.DirectoryArtifactStore;
import dev.remotecache.mock.store.InMemoryArtifactStore;
import dev.remotecache.mock.store.StoredArtifact;
import dev.remotecache.mock.stub.api.ArtifactsApi;
import dev.remotecache.mock.stub.model.CacheUsageEvent;
import dev.remotecache.mock.stub.model.CachingStatus;
import java.net.URI;
import java.nio.file.Path;
import dev.remotecache.mock.journal.ServerDeviation;
import java.time.Duration;
import dev.remotecache.mock.contract.BodySizeLimit;
import dev.remotecache.mock.operations.DocumentedAnswers;
import dev.remotecache.mock.overrides.FaultRule;
import dev.remotecache.mock.overrides.ForcedResponse;
import dev.remotecache.mock.overrides.ResponseOverrides;
import dev.remotecache.mock.verify.MockVerification;
import dev.remotecache.mock.wiremock.OverridesAdmin;
import dev.remotecache.mock.wiremock.InFlightRequests;
import dev.remotecache.mock.wiremock.MockWireMockServer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A mock Remote Cache server that checks every request against the OpenAPI document.
 *
 * <pre>{@code
 * try (RemoteCacheMock mock = RemoteCacheMock.builder().port(0).build().start()) {
 *     String baseUrl = mock.baseUrl();          // point the tool under test here
 *     ...
 *     mock.events();                            // what it recorded
 *     mock.rejections();                        // what it refused, and why
 * }
 * }</pre>
 */
public final class RemoteCacheMock implements AutoCloseable {

    /** The port the standalone server listens on when none is given. */
    public static final int DEFAULT_PORT = 7878;
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);
    /** How long a stop waits for requests in flight. */
    public static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private final MockSettings settings;
    private final ApiContract contract;
    private final MockJournal journal;
    private final ArtifactStore store;
    private final StatefulArtifactsApi api;
    private final WireMockServer server;
    private final InFlightRequests inFlight = new InFlightRequests();
    private final OverridesAdmin overrides;

    private RemoteCacheMock(MockSettings settings) {
        this.settings = settings;
        this.journal = new MockJournal(settings.journalLimit());
        this.store = settings.storage() == null ? new InMemoryArtifactStore()
                : new DirectoryArtifactStore(settings.storage(), MockJson.mapper());
        // The spec is parsed while the HTTP server is built: the two are most of the start-up time.
        this.contract = ApiContract.loadInBackground();
        ContractCheck check = new ContractCheck(contract, BearerTokens.only(settings.tokens()), MockJson.mapper());
        this.api = new StatefulArtifactsApi(store, journal, Clock.systemUTC(), settings.status());
        OperationDispatcher dispatcher = new OperationDispatcher(ArtifactsApi.class, api, MockJson.mapper());
        this.overrides = new OverridesAdmin(check.contract(), new DocumentedAnswers(MockJson.mapper()),
                new ResponseOverrides());
        this.server = MockWireMockServer.create(settings, check, dispatcher, journal, store, api, inFlight,
                overrides, MockJson.mapper());
    }

    /** The settings this mock was built with. */
    public MockSettings settings() {
        return settings;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts listening, once the spec is loaded; returns this, for chaining. */
    public RemoteCacheMock start() {
        server.start();
        try {
            contract.awaitLoaded();
        } catch (RuntimeException e) {
            server.stop();
            throw e;
        }
        return this;
    }

    /**
     * Stops listening, after letting requests being served finish (up to
     * {@link #STOP_GRACE}); recorded data stays readable.
     */
    public void stop() {
        try {
            inFlight.awaitIdle(STOP_GRACE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.stop();
    }

    @Override
    public void close() {
        stop();
    }

    public boolean isRunning() {
        return server.isRunning();
    }

    public int port() {
        return server.port();
    }

    /** {@code http://127.0.0.1:PORT}: the base URL to give the tool under test. */
    public String baseUrl() {
        String host = settings.host();
        String shownHost = host.contains(":") ? "[" + host + "]" : host;
        return "http://" + shownHost + ":" + port();
    }

    public MockJournal journal() {
        return journal;
    }

    /** Every accepted event, in arrival order. */
    public List<CacheUsageEvent> events() {
        return journal.events();
    }

    /** Every accepted batch, with its team and client headers. */
    public List<EventBatch> batches() {
        return journal.batches();
    }

    /** Every rejected request, with its violations. */
    public List<Rejection> rejections() {
        return journal.rejections();
    }

    /** Assertions on what was received: {@code mock.verify().events().session(id).hasCount(3)}. */
    public MockVerification verify() {
        return new MockVerification(journal);
    }

    /**
     * Answers requests of an operation with a response the spec documents for it, for example
     * {@code ForcedResponse.of("uploadArtifact", 403).times(1)}. An undocumented status or example is
     * refused with {@link IllegalArgumentException}.
     */
    public void forceResponse(ForcedResponse response) {
        overrides.force(response);
    }

    /** Makes the server misbehave for an operation: {@code FaultRule.serverError("downloadArtifact", 503).times(2)}. */
    public void injectFault(FaultRule fault) {
        overrides.inject(fault);
    }

    /** Removes every forced response and fault. */
    public void clearOverrides() {
        overrides.overrides().clear();
    }

    /** Behind {@code proxyTo}: the real server's answers that broke the spec. */
    public List<ServerDeviation> deviations() {
        return journal.deviations();
    }

    /** Every stored artifact (without its bytes), across teams. */
    public List<StoredArtifact> artifacts() {
        return store.list();
    }

    /** The artifact store, for reading or seeding artifacts directly. */
    public ArtifactStore store() {
        return store;
    }

    /** Sets what {@code GET /v8/artifacts/status} answers from now on. */
    public void setStatus(CachingStatus status) {
        api.setStatus(status);
    }

    /**
     * Forgets what was received, empties an in-memory store, answers {@code enabled} again and drops
     * forced responses and faults; the server keeps running. A storage directory is left as it is (it is meant to outlive runs).
     */
    public void reset() {
        journal.reset();
        if (store instanceof InMemoryArtifactStore) {
            store.clear();
        }
        api.setStatus(CachingStatus.ENABLED);
        clearOverrides();
    }

    /**
     * The underlying WireMock server. Every request to it is answered by the contract filter, never by
     * WireMock stubs: to change an answer, use {@link #forceResponse} or {@link #injectFault}.
     */
    public WireMockServer wireMock() {
        return server;
    }

    /** Settings of a mock; every one has a working default. */
    public static final class Builder {
        private String host = DEFAULT_HOST;
        private int port = DEFAULT_PORT;
        private final List<String> tokens = new ArrayList<>();
        private Consumer<String> requestLog = MockSettings.NO_REQUEST_LOG;
        private Path storage;
        private CachingStatus status = CachingStatus.ENABLED;
        private long maxBodyBytes = BodySizeLimit.DEFAULT_MAX_BYTES;
        private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
        private int journalLimit = MockJournal.DEFAULT_LIMIT;
        private String adminToken;
        private boolean colourLog;
        private URI proxyTarget;
        private boolean forwardInvalid;

        private Builder() {
        }

        /**
         * Validating proxy: forward every request that meets the contract to this real server, answer
         * with what it says, and journal where its answers break the spec ({@code mock.deviations()}).
         */
        public Builder proxyTo(URI server) {
            this.proxyTarget = server;
            return this;
        }

        /** With {@link #proxyTo}, forward requests that break the contract too (they are still journaled). */
        public Builder forwardInvalid(boolean forward) {
            this.forwardInvalid = forward;
            return this;
        }

        /** Colour the request log for a terminal (green accepted, red rejected). Off by default. */
        public Builder colourLog(boolean colour) {
            this.colourLog = colour;
            return this;
        }

        /** The largest request body accepted (bytes); a larger one gets 413. 100 MiB by default. */
        public Builder maxBodySize(long bytes) {
            this.maxBodyBytes = bytes;
            return this;
        }

        /** How long a connection may stay silent (a stalled client) before it is closed. 30 s by default. */
        public Builder idleTimeout(Duration timeout) {
            this.idleTimeout = Objects.requireNonNull(timeout);
            return this;
        }

        /** How many events, and how many rejections, the journal keeps; the oldest go first, counted. */
        public Builder journalLimit(int limit) {
            if (limit < 1) {
                throw new IllegalArgumentException("journal limit must be at least 1, got " + limit);
            }
            this.journalLimit = limit;
            return this;
        }

        /** Require this token ({@code Authorization: Bearer ...}) on the admin API. */
        public Builder adminToken(String token) {
            this.adminToken = token;
            return this;
        }

        /** Keep artifacts in this directory (created if needed), so they survive a restart; in memory by default. */
        public Builder storage(Path directory) {
            this.storage = directory;
            return this;
        }

        /** What {@code GET /v8/artifacts/status} answers at start; {@code enabled} by default. */
        public Builder status(CachingStatus status) {
            this.status = Objects.requireNonNull(status);
            return this;
        }

        /** The address to bind; {@value RemoteCacheMock#DEFAULT_HOST} by default. */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host);
            return this;
        }

        /** The port; 0 picks a free one. {@value RemoteCacheMock#DEFAULT_PORT} by default. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0..65535, got " + port);
            }
            this.port = port;
            return this;
        }

        /** Accept only these bearer tokens (by default any well-formed token is accepted). */
        public Builder tokens(List<String> tokens) {
            this.tokens.addAll(tokens);
            return this;
        }

        public Builder token(String token) {
            this.tokens.add(Objects.requireNonNull(token));
            return this;
        }

        /** Where the one-line-per-request log goes; nowhere by default. */
        public Builder requestLog(Consumer<String> requestLog) {
            this.requestLog = Objects.requireNonNull(requestLog);
            return this;
        }

        public RemoteCacheMock build() {
            return new RemoteCacheMock(new MockSettings(host, port, tokens, storage, status,
                    new BodySizeLimit(maxBodyBytes), idleTimeout, journalLimit, adminToken, requestLog, colourLog, proxyTarget, forwardInvalid));
        }
    }
}
