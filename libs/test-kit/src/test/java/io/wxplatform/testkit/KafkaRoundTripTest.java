package io.wxplatform.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class KafkaRoundTripTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Test
    void recordsProducedToTheSharedBrokerAreReadBackByAProbe() throws Exception {
        String topic = uniqueTopic();
        KafkaProbe.createTopics(topic);
        try (KafkaProbe probe = KafkaProbe.on(topic)) {
            send(topic, "a", "one");
            send(topic, "b", "two");

            List<ConsumerRecord<String, byte[]>> records = probe.await(2, TIMEOUT);

            assertThat(records).extracting(ConsumerRecord::key).containsExactlyInAnyOrder("a", "b");
            assertThat(records)
                    .extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
                    .containsExactlyInAnyOrder("one", "two");
        }
    }

    @Test
    void drainingProvesThatNoExtraRecordArrived() throws Exception {
        String topic = uniqueTopic();
        try (KafkaProbe probe = KafkaProbe.on(topic)) {
            send(topic, "k", "only");
            probe.await(1, TIMEOUT);

            assertThat(probe.drainFor(Duration.ofSeconds(1))).hasSize(1);
        }
    }

    @Test
    void awaitingMatchingRecordsIgnoresOthers() throws Exception {
        String topic = uniqueTopic();
        try (KafkaProbe probe = KafkaProbe.on(topic)) {
            send(topic, "other", "x");
            send(topic, "wanted", "y");

            List<ConsumerRecord<String, byte[]>> wanted =
                    probe.awaitMatching(r -> "wanted".equals(r.key()), 1, TIMEOUT);

            assertThat(wanted).singleElement().extracting(ConsumerRecord::key).isEqualTo("wanted");
        }
    }

    @Test
    void awaitingMoreRecordsThanArriveFailsWithWhatArrived() throws Exception {
        String topic = uniqueTopic();
        try (KafkaProbe probe = KafkaProbe.on(topic)) {
            send(topic, "k", "v");
            probe.await(1, TIMEOUT);

            assertThatThrownBy(() -> probe.await(2, Duration.ofMillis(500)))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("Expected 2")
                    .hasMessageContaining("key=k");
        }
    }

    @Test
    void creatingAnExistingTopicIsHarmless() {
        String topic = uniqueTopic();
        KafkaProbe.createTopics(topic);
        KafkaProbe.createTopics(topic);
    }

    private static void send(String topic, String key, String value) throws Exception {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfrastructure.kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG,
                "all");
        try (var producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value.getBytes(StandardCharsets.UTF_8)))
                    .get();
        }
    }

    private static String uniqueTopic() {
        return "test-kit." + UUID.randomUUID();
    }
}
