package io.wxplatform.callback.durability;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.wxplatform.testkit.TestInfrastructure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import reactor.core.publisher.Mono;

/**
 * The emptiness probe against a real MongoDB, observed probe by probe: each empty finding arrives before the trust of
 * the one before it runs out (so callbacks never lose it while the relay's own round is far apart), and another
 * instance's event is found by the next probe and ends the trust.
 */
class OutboxEmptinessProbeIT {

    /** The production default: the probe runs every 500 ms and has a second to renew the trust. */
    private static final Duration TRUST = Duration.ofMillis(1500);

    private MongoClient mongo;
    private MongoDatabase database;
    private RecordingEmptiness emptiness;
    private OutboxRelay relay;

    @BeforeEach
    void setUp() {
        mongo = MongoClients.create(TestInfrastructure.mongoUri());
        database = mongo.getDatabase("wx_callback_probe_" + System.nanoTime());
        emptiness = new RecordingEmptiness(Clock.systemUTC(), TRUST);
        // Kafka is never reached: the relay is off, and its own round comes once an hour.
        KafkaTemplate<String, byte[]> kafka =
                new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(Map.of("bootstrap.servers", "127.0.0.1:1")));
        OutboxProperties properties = new OutboxProperties(
                Duration.ofSeconds(1),
                Duration.ofMillis(250),
                false,
                Duration.ofHours(1),
                Duration.ofSeconds(30),
                Duration.ofSeconds(10),
                500,
                TRUST);
        relay = new OutboxRelay(
                new OutboxStore(database),
                new KafkaSender(kafka, Clock.systemUTC()),
                properties,
                emptiness,
                Clock.systemUTC(),
                new SimpleMeterRegistry());
    }

    @AfterEach
    void tearDown() {
        relay.stop();
        Mono.from(database.drop()).block();
        mongo.close();
    }

    @Test
    void eachEmptyProbeRenewsTheTrustBeforeThePreviousOneRunsOut() {
        relay.start();

        List<Finding> findings = Awaitility.await()
                .atMost(TRUST.multipliedBy(8))
                .until(() -> List.copyOf(emptiness.findings), found -> found.size() >= 6);

        assertThat(findings).allMatch(Finding::empty);
        for (int i = 1; i < findings.size(); i++) {
            Finding previous = findings.get(i - 1);
            Finding next = findings.get(i);
            assertThat(next.foundAtMillis() - previous.startedAtMillis())
                    .as(
                            "probe %d renewed the trust %d ms after probe %d started",
                            i, next.foundAtMillis() - previous.startedAtMillis(), i - 1)
                    .isLessThan(TRUST.toMillis());
        }
        assertThat(emptiness.knownEmpty()).isTrue();
    }

    @Test
    void anotherInstancesEventIsFoundByTheNextProbeAndEndsTheTrust() {
        relay.start();
        Awaitility.await().atMost(TRUST.multipliedBy(3)).until(emptiness::knownEmpty);

        // Another instance's insert: this instance's counter of local inserts does not move.
        new OutboxStore(database)
                .insert(new OutboxEntry(
                        "wx1:msg:1", "wx.inbound.v1", "wx1|o1", Map.of(), new byte[] {1}, Instant.now(), 0))
                .block();
        long insertedAtMillis = System.currentTimeMillis();

        Finding found = Awaitility.await()
                .atMost(TRUST.multipliedBy(3))
                .until(
                        () -> emptiness.findings.stream()
                                .filter(finding -> !finding.empty())
                                .findFirst()
                                .orElse(null),
                        finding -> finding != null);
        assertThat(found.startedAtMillis() - insertedAtMillis)
                .as("the first probe to find the event started within one probe interval of the insert")
                .isLessThan(TRUST.toMillis());
        assertThat(emptiness.knownEmpty()).isFalse();
        // And while the event waits, it stays untrusted.
        Awaitility.await().during(TRUST).atMost(TRUST.multipliedBy(2)).until(() -> !emptiness.knownEmpty());
    }

    /** What one probe found, when it started and when its finding arrived (the clock's millis). */
    record Finding(boolean empty, long startedAtMillis, long foundAtMillis) {}

    /** The real known-empty state, recording every probe's finding as it arrives. */
    private static final class RecordingEmptiness extends OutboxEmptiness {

        final List<Finding> findings = new CopyOnWriteArrayList<>();
        private final Clock clock;

        RecordingEmptiness(Clock clock, Duration trustFor) {
            super(clock, trustFor);
            this.clock = clock;
        }

        @Override
        void probed(Probe probe, boolean empty) {
            super.probed(probe, empty);
            findings.add(new Finding(empty, probe.startedAtMillis(), clock.millis()));
        }
    }
}
