package io.wxplatform.callback.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.wxplatform.testkit.TestInfrastructure;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import reactor.core.publisher.Mono;

/**
 * The emptiness probe against a real MongoDB: an empty outbox is trusted within one probe, another instance's event
 * ends that trust within the trust period, and a relay round that never finishes does not let the trust lapse.
 */
class OutboxEmptinessProbeIT {

    private static final Duration TRUST = Duration.ofMillis(600);

    private MongoClient mongo;
    private MongoDatabase database;
    private OutboxEmptiness emptiness;
    private OutboxRelay relay;

    @BeforeEach
    void setUp() {
        mongo = MongoClients.create(TestInfrastructure.mongoUri());
        database = mongo.getDatabase("wx_callback_probe_" + System.nanoTime());
        emptiness = new OutboxEmptiness(Clock.systemUTC(), TRUST);
        // Kafka is never reached: nothing is relayed while the outbox is empty, and the relay is off below anyway.
        KafkaTemplate<String, byte[]> kafka = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(
                Map.of("bootstrap.servers", "127.0.0.1:1")));
        OutboxProperties properties = new OutboxProperties(Duration.ofSeconds(1), Duration.ofMillis(250), false,
                Duration.ofHours(1), Duration.ofSeconds(30), Duration.ofSeconds(10), 500, TRUST);
        relay = new OutboxRelay(new OutboxStore(database), kafka, properties, emptiness, Clock.systemUTC(),
                new SimpleMeterRegistry());
    }

    @AfterEach
    void tearDown() {
        relay.stop();
        Mono.from(database.drop()).block();
        mongo.close();
    }

    @Test
    void anEmptyOutboxStaysTrustedWhileTheRelayRoundIsFarApart() {
        // The relay's own round comes once an hour here: only the probe can keep the trust alive.
        relay.start();
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(emptiness::knownEmpty);
        long until = System.nanoTime() + TRUST.multipliedBy(5).toNanos();
        int lapses = 0;
        while (System.nanoTime() < until) {
            if (!emptiness.knownEmpty()) {
                lapses++;
            }
            // A sample every 20 ms over a fixed period, not a wait for a condition: lapses are counted, not awaited.
            sleep(20);
        }
        assertThat(lapses).as("checks (every 20 ms over five trust periods) that found the trust lapsed")
                .isLessThanOrEqualTo(2);
    }

    @Test
    void anotherInstancesEventEndsTheTrustWithinTheTrustPeriod() {
        relay.start();
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(emptiness::knownEmpty);
        // Another instance's insert: this instance's counter of local inserts does not move.
        new OutboxStore(database).insert(new OutboxEntry("wx1:msg:1", "wx.inbound.v1", "wx1|o1", Map.of(),
                new byte[] {1}, Instant.now(), 0)).block();
        long inserted = System.nanoTime();
        Awaitility.await().atMost(TRUST.multipliedBy(3)).pollInterval(Duration.ofMillis(10))
                .until(() -> !emptiness.knownEmpty());
        assertThat(Duration.ofNanos(System.nanoTime() - inserted)).isLessThanOrEqualTo(TRUST.plusMillis(300));
        // And while the event waits, it stays untrusted.
        Awaitility.await().during(TRUST).atMost(TRUST.multipliedBy(2)).pollInterval(Duration.ofMillis(20))
                .until(() -> !emptiness.knownEmpty());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
