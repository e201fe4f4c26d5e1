package dev.remotecache.mock.recording;

import dev.remotecache.mock.journal.EventBatch;
import dev.remotecache.mock.journal.MockJournal;
import dev.remotecache.mock.stub.api.ArtifactsApi;
import dev.remotecache.mock.stub.model.CacheUsageEvent;
import java.time.Clock;
import java.util.List;

/**
 * The mock's implementation of the server stub generated from the spec: what an accepted request
 * does to the mock's state. The answer itself comes from the spec (see {@code SpecStubs}).
 *
 * <p>Being an implementation of the generated interface, it stops compiling when the spec adds or
 * changes an operation, which is the point.
 */
public final class RecordingArtifactsApi implements ArtifactsApi {

    private final MockJournal journal;
    private final Clock clock;

    public RecordingArtifactsApi(MockJournal journal, Clock clock) {
        this.journal = journal;
        this.clock = clock;
    }

    @Override
    public void recordEvents(List<CacheUsageEvent> events, String xArtifactClientCi,
                             Integer xArtifactClientInteractive, String teamId, String slug) {
        journal.record(new EventBatch(clock.instant(), teamId, slug, xArtifactClientCi, xArtifactClientInteractive,
                events));
    }
}
