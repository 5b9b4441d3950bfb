package io.wxplatform.support.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.model.Filters;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.wxplatform.testkit.TestInfrastructure;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

class EventLedgerTest {

    private static final Duration LEASE = Duration.ofSeconds(60);
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String CONSUMER = "user-service";

    private static MongoClient client;
    private static MongoDatabase database;

    private final AtomicInteger effects = new AtomicInteger();
    private final EventLedger ledger = ledger(Clock.systemUTC());
    private final String eventId = "wx1:msg:" + UUID.randomUUID();

    @BeforeAll
    static void connect() {
        client = MongoClients.create(TestInfrastructure.mongoUri());
        database = client.getDatabase("event_ledger_test");
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    @Test
    void theSameEventTwiceRunsTheEffectOnce() {
        StepVerifier.create(ledger.once(CONSUMER, eventId, this::effect))
                .expectNext(Outcome.PROCESSED)
                .verifyComplete();
        StepVerifier.create(ledger.once(CONSUMER, eventId, this::effect))
                .expectNext(Outcome.DUPLICATE)
                .verifyComplete();

        assertThat(effects).hasValue(1);
    }

    @Test
    void twentyConcurrentDeliveriesOfOneEventRunTheEffectExactlyOnce() {
        List<String> outcomes = Flux.range(0, 20)
                .flatMap(i -> ledger.once(
                                CONSUMER,
                                eventId,
                                () -> Mono.delay(Duration.ofMillis(50)).then(effect()))
                        .map(Outcome::name)
                        .onErrorResume(EventInProgressException.class, busy -> Mono.just("IN_PROGRESS"))
                        .subscribeOn(Schedulers.parallel()))
                .collectList()
                .block(WAIT);

        assertThat(effects).hasValue(1);
        assertThat(outcomes).hasSize(20).containsOnlyOnce("PROCESSED");
        assertThat(ledger.once(CONSUMER, eventId, this::effect).block(WAIT)).isEqualTo(Outcome.DUPLICATE);
    }

    @Test
    void aFailedEffectReleasesTheClaimSoThatARetryRunsIt() {
        Mono<Outcome> failing =
                ledger.once(CONSUMER, eventId, () -> Mono.error(new IllegalStateException("WeChat is down")));
        StepVerifier.create(failing).expectErrorMessage("WeChat is down").verify(WAIT);

        StepVerifier.create(ledger.once(CONSUMER, eventId, this::effect))
                .expectNext(Outcome.PROCESSED)
                .verifyComplete();
        assertThat(effects).hasValue(1);
    }

    @Test
    void anEffectThatThrowsInsteadOfFailingAlsoReleasesTheClaim() {
        StepVerifier.create(ledger.once(CONSUMER, eventId, () -> {
                    throw new IllegalArgumentException("bug");
                }))
                .expectError(IllegalArgumentException.class)
                .verify(WAIT);

        assertThat(ledger.once(CONSUMER, eventId, this::effect).block(WAIT)).isEqualTo(Outcome.PROCESSED);
    }

    @Test
    void aClaimWithinItsLeaseMakesOtherInstancesRetryLater() {
        Disposable stuck = holdClaim(ledger);
        try {
            StepVerifier.create(ledger.once(CONSUMER, eventId, this::effect))
                    .expectError(EventInProgressException.class)
                    .verify(WAIT);
            assertThat(effects).hasValue(0);
        } finally {
            stuck.dispose();
        }
    }

    @Test
    void anExpiredClaimOfACrashedConsumerIsTakenOver() {
        Disposable crashed = holdClaim(ledger);
        try {
            EventLedger afterTheLease = ledger(Clock.offset(Clock.systemUTC(), LEASE.plusSeconds(1)));

            StepVerifier.create(afterTheLease.once(CONSUMER, eventId, this::effect))
                    .expectNext(Outcome.PROCESSED)
                    .verifyComplete();
            assertThat(effects).hasValue(1);
            assertThat(entry().getString("state")).isEqualTo("DONE");
        } finally {
            crashed.dispose();
        }
    }

    @Test
    void consumersAreIdempotentIndependentlyOfEachOther() {
        ledger.once("user-service", eventId, this::effect).block(WAIT);
        ledger.once("messaging-service", eventId, this::effect).block(WAIT);

        assertThat(effects).hasValue(2);
    }

    @Test
    void aProcessedEventIsRecordedAsDoneWithItsTimesAndWithoutAClaim() {
        ledger.once(CONSUMER, eventId, this::effect).block(WAIT);

        Document entry = entry();
        assertThat(entry.getString("state")).isEqualTo("DONE");
        assertThat(entry.getDate("doneAt")).isNotNull();
        assertThat(entry.getDate("expiresAt")).isAfter(entry.getDate("doneAt"));
        assertThat(entry).doesNotContainKeys("claimToken", "claimedUntil");
    }

    /** Starts processing whose effect never ends, as a consumer that crashed mid-effect leaves it. */
    private Disposable holdClaim(EventLedger holder) {
        Disposable stuck = holder.once(CONSUMER, eventId, Mono::never).subscribe();
        await().atMost(WAIT)
                .until(() -> Mono.from(database.getCollection(EventLedger.COLLECTION)
                                .find(Filters.eq("_id", CONSUMER + "|" + eventId))
                                .first())
                        .blockOptional()
                        .isPresent());
        return stuck;
    }

    private Document entry() {
        return Mono.from(database.getCollection(EventLedger.COLLECTION)
                        .find(Filters.eq("_id", CONSUMER + "|" + eventId))
                        .first())
                .block(WAIT);
    }

    private Mono<Void> effect() {
        return Mono.fromRunnable(effects::incrementAndGet);
    }

    private static EventLedger ledger(Clock clock) {
        return new EventLedger(database, LEASE, Duration.ofDays(7), clock);
    }
}
