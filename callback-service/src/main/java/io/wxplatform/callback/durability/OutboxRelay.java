package io.wxplatform.callback.durability;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.wxplatform.support.lifecycle.BackgroundLoop;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;

/**
 * Publishes outbox events once Kafka takes them again, oldest first per record key, and deletes each after its ack.
 * One loop per instance; instances share the work through leases, so two never publish one event at once (a lease
 * outlives the publish timeout). An event is published only when no older event of its key is waiting, which keeps
 * each follower's events in order. Also keeps the outbox gauges current, and {@link OutboxEmptiness} with a probe of
 * its own, three times per trust period and apart from the relay's work, so that a slow relay round never lets the
 * callbacks' trust lapse (each lapse costs every callback a MongoDB lookup until the next probe).
 */
public class OutboxRelay extends BackgroundLoop {

    static final String DEPTH = "wx.callback.outbox.depth";
    static final String OLDEST_AGE = "wx.callback.outbox.oldest.age";

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final OutboxStore store;
    private final KafkaSender kafka;
    private final OutboxProperties properties;
    private final OutboxEmptiness emptiness;
    private final Clock clock;
    private final String owner = UUID.randomUUID().toString();
    private final AtomicLong depth = new AtomicLong();
    private final AtomicLong oldestAgeMillis = new AtomicLong();

    public OutboxRelay(
            OutboxStore store,
            KafkaSender kafka,
            OutboxProperties properties,
            OutboxEmptiness emptiness,
            Clock clock,
            MeterRegistry meters) {
        this.store = store;
        this.kafka = kafka;
        this.properties = properties;
        this.emptiness = emptiness;
        this.clock = clock;
        Gauge.builder(DEPTH, depth, AtomicLong::get)
                .description("Events waiting in the outbox for Kafka")
                .register(meters);
        Gauge.builder(OLDEST_AGE, oldestAgeMillis, age -> age.get() / 1000.0)
                .description("Age of the oldest event waiting in the outbox")
                .baseUnit("seconds")
                .register(meters);
    }

    @Override
    protected Disposable subscribe() {
        store.ensureIndexes()
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofSeconds(1)).maxBackoff(Duration.ofMinutes(1)))
                .subscribe(null, error -> log.warn("Outbox indexes not created: {}", error.toString()));
        Disposable relaying = Flux.interval(properties.pollInterval(), Schedulers.parallel())
                .onBackpressureDrop()
                .concatMap(tick -> tick())
                .subscribe();
        Disposable probing = Flux.interval(
                        Duration.ZERO, properties.trustEmptyFor().dividedBy(3), Schedulers.parallel())
                .onBackpressureDrop()
                .concatMap(tick -> probeEmptiness())
                .subscribe();
        return Disposables.composite(relaying, probing);
    }

    /**
     * Whether the outbox holds anything at all: one read of at most one document's {@code _id}. A probe that fails or
     * outlasts the trust period tells nothing, and the trust runs out on its own.
     */
    Mono<Void> probeEmptiness() {
        return Mono.defer(() -> {
                    OutboxEmptiness.Probe probe = emptiness.startProbe();
                    return store.isEmpty().doOnNext(empty -> emptiness.probed(probe, empty));
                })
                .timeout(properties.trustEmptyFor())
                .onErrorResume(error -> Mono.empty())
                .then();
    }

    private Mono<Void> tick() {
        Mono<Long> relayed = properties.relayEnabled() ? relayBatch() : Mono.just(0L);
        return relayed.onErrorResume(error -> {
                    log.warn("Outbox relay paused until the next poll: {}", error.toString());
                    return Mono.just(0L);
                })
                .then(refreshGauges());
    }

    /** Relays up to one batch, stopping at the first empty claim; the count of events handled. */
    Mono<Long> relayBatch() {
        return Mono.defer(this::relayOne)
                .repeat(properties.batchSize() - 1L)
                .takeWhile(Boolean::booleanValue)
                .count();
    }

    /** Claims one event and publishes it if it is the oldest of its key; false when nothing was claimable. */
    private Mono<Boolean> relayOne() {
        Instant now = clock.instant();
        return store.claimNext(owner, now, properties.lease())
                .flatMap(entry -> store.isOldestOfItsKey(entry)
                        .flatMap(oldest -> oldest
                                ? publishAndDelete(entry)
                                // An older event of this follower is held by another relay: step aside until it
                                // is gone.
                                : store.release(entry, owner, now.plus(properties.pollInterval())))
                        // Only a claim counts: thenReturn outside the flatMap would also answer true for an empty
                        // claim, and a poll of an empty outbox would then claim batch-size times.
                        .thenReturn(true))
                .defaultIfEmpty(false);
    }

    private Mono<Void> publishAndDelete(OutboxEntry entry) {
        return kafka.send(entry.toRecord(), properties.publishTimeout())
                .then(store.delete(entry, owner))
                .doOnSuccess(done -> log.debug("Relayed {} after {} attempt(s)", entry.eventId(), entry.attempts()))
                .onErrorResume(
                        error -> store.release(entry, owner, clock.instant()).then(Mono.error(error)));
    }

    private Mono<Void> refreshGauges() {
        return Mono.zip(store.depth(), store.oldestCreatedAt())
                .doOnNext(state -> {
                    depth.set(state.getT1());
                    oldestAgeMillis.set(state.getT2()
                            .map(oldest -> Math.max(
                                    0, Duration.between(oldest, clock.instant()).toMillis()))
                            .orElse(0L));
                })
                .then()
                .onErrorResume(error -> Mono.empty());
    }
}
