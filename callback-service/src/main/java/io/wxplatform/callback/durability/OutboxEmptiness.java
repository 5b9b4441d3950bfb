package io.wxplatform.callback.durability;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Whether the outbox is known to be empty across all instances, so the callback path may skip asking MongoDB
 * whether the follower has events waiting (one round trip per callback). Known empty means: the last emptiness probe
 * (one read of at most one document's {@code _id}, run by {@link OutboxRelay} on a schedule of its own; nothing is
 * counted) found no document, that probe started less than {@code trustFor} ago, and this instance has inserted
 * nothing since.
 *
 * <p>Another instance's insert is seen at this instance's next probe, at most {@code trustFor} later; within that
 * window a newer event of the same follower may reach Kafka before the older one waiting in the outbox. The
 * per-follower lookup it replaces had a window of the same kind and a similar size: an event is in neither store
 * while its Kafka send runs out its budget (1.5 s).
 */
public class OutboxEmptiness {

    private final Clock clock;
    private final long trustForMillis;
    private final AtomicLong localInserts = new AtomicLong();
    private volatile Probe lastEmpty;

    public OutboxEmptiness(Clock clock, Duration trustFor) {
        this.clock = clock;
        this.trustForMillis = trustFor.toMillis();
    }

    /** Asked by every callback, so it reads the clock's millis and allocates nothing. */
    public boolean knownEmpty() {
        Probe probe = lastEmpty;
        if (probe == null || probe.localInserts() != localInserts.get()) {
            return false;
        }
        long age = clock.millis() - probe.startedAtMillis();
        return age >= 0 && age < trustForMillis;
    }

    /** Called before this instance inserts into the outbox: from then on it asks per follower again. */
    public void inserting() {
        localInserts.incrementAndGet();
    }

    /** Taken just before probing, so an insert made while the probe runs is never hidden by it. */
    Probe startProbe() {
        return new Probe(localInserts.get(), clock.millis());
    }

    /** What the probe started as {@code probe} found; only an empty outbox is trusted. */
    void probed(Probe probe, boolean empty) {
        lastEmpty = empty ? probe : null;
    }

    /**
     * @param localInserts    this instance's inserts before the probe started
     * @param startedAtMillis when it started, by the clock's millis
     */
    record Probe(long localInserts, long startedAtMillis) {}
}
