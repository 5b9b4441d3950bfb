package io.wxplatform.callback.durability;

import java.time.Clock;
import java.time.Duration;

/**
 * Whether a send may be handed to the Kafka producer on the caller's thread (an event loop, or the relay's parallel
 * thread). {@code KafkaProducer.send} blocks (up to {@code max.block.ms}) in two cases only: while it has no metadata
 * for the topic (after start, after {@code metadata.max.idle.ms} without sends, while Kafka is away) and while its
 * buffer is full (Kafka slow or away). Neither happens while sends are being acknowledged, so a send goes straight
 * from the caller's thread while the last ack is recent and no send has failed since; otherwise it goes through a
 * bounded-elastic thread, which may block.
 *
 * <p>When Kafka stalls, sends already on their way fill at most a budget's worth of the buffer (1.5 s of callbacks,
 * against 32 MB) before the first one times out and sends move off the event loop again.
 */
final class ProducerReadiness {

    /** Well below the producer's {@code metadata.max.idle.ms} (5 minutes), after which the topic's metadata is gone. */
    static final Duration FRESH_FOR = Duration.ofSeconds(10);

    private final Clock clock;
    private final long freshForMillis = FRESH_FOR.toMillis();
    private volatile long lastAckMillis;
    private volatile boolean ready;

    ProducerReadiness(Clock clock) {
        this.clock = clock;
    }

    /** True when a send cannot block: a recent ack, and no failure since. A clock stepped back counts as stale. */
    boolean sendsCannotBlock() {
        if (!ready) {
            return false;
        }
        long sinceAck = clock.millis() - lastAckMillis;
        return sinceAck >= 0 && sinceAck < freshForMillis;
    }

    void acked() {
        lastAckMillis = clock.millis();
        ready = true;
    }

    void failed() {
        ready = false;
    }
}
