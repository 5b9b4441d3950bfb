package io.wxplatform.callback.durability;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.wxplatform.events.KafkaDefaults;
import io.wxplatform.testkit.TestInfrastructure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import reactor.core.publisher.Mono;

/** One relay round against a real MongoDB and Kafka: it handles what is waiting, and nothing more. */
class OutboxRelayIT {

    private MongoClient mongo;
    private MongoDatabase database;
    private OutboxStore store;
    private DefaultKafkaProducerFactory<String, byte[]> producers;
    private OutboxRelay relay;

    @BeforeEach
    void setUp() {
        mongo = MongoClients.create(TestInfrastructure.mongoUri());
        database = mongo.getDatabase("wx_callback_relay_" + System.nanoTime());
        store = new OutboxStore(database);
        producers =
                new DefaultKafkaProducerFactory<>(KafkaDefaults.producer(TestInfrastructure.kafkaBootstrapServers()));
        OutboxProperties properties = new OutboxProperties(
                Duration.ofSeconds(1),
                Duration.ofMillis(250),
                true,
                Duration.ofHours(1),
                Duration.ofSeconds(30),
                Duration.ofSeconds(10),
                500,
                Duration.ofMillis(1500));
        relay = new OutboxRelay(
                store,
                new KafkaSender(new KafkaTemplate<>(producers), Clock.systemUTC()),
                properties,
                new OutboxEmptiness(Clock.systemUTC(), properties.trustEmptyFor()),
                Clock.systemUTC(),
                new SimpleMeterRegistry());
    }

    @AfterEach
    void tearDown() {
        Mono.from(database.drop()).block();
        mongo.close();
        producers.destroy();
    }

    @Test
    void aRoundOverAnEmptyOutboxClaimsOnceAndHandlesNothing() {
        assertThat(relay.relayBatch().block()).isZero();
    }

    @Test
    void aRoundHandlesExactlyTheWaitingEventsAndEmptiesTheOutbox() {
        Instant now = Instant.now();
        for (int i = 1; i <= 3; i++) {
            store.insert(new OutboxEntry(
                            "wxrelay:msg:" + i,
                            "wx.inbound.v1",
                            "wxrelay|o1",
                            Map.of(),
                            new byte[] {(byte) i},
                            now.plusMillis(i),
                            0))
                    .block();
        }
        assertThat(relay.relayBatch().block()).isEqualTo(3);
        assertThat(store.isEmpty().block()).isTrue();
        assertThat(relay.relayBatch().block()).isZero();
    }
}
