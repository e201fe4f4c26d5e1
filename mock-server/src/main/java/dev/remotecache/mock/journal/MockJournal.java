package dev.remotecache.mock.journal;

import dev.remotecache.mock.stub.model.CacheUsageEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * What the mock received: the accepted event batches and the rejected requests, in arrival order.
 * Safe to read while requests are being served.
 */
public final class MockJournal {

    private final ConcurrentLinkedQueue<EventBatch> batches = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Rejection> rejections = new ConcurrentLinkedQueue<>();

    public void record(EventBatch batch) {
        batches.add(batch);
    }

    public void record(Rejection rejection) {
        rejections.add(rejection);
    }

    /** Every accepted batch of events. */
    public List<EventBatch> batches() {
        return List.copyOf(batches);
    }

    /** Every accepted event, batches flattened, in arrival order. */
    public List<CacheUsageEvent> events() {
        List<CacheUsageEvent> events = new ArrayList<>();
        batches.forEach(batch -> events.addAll(batch.events()));
        return events;
    }

    /** Every rejected request with its violations. */
    public List<Rejection> rejections() {
        return List.copyOf(rejections);
    }

    /** Forgets everything received so far. */
    public void reset() {
        batches.clear();
        rejections.clear();
    }
}
