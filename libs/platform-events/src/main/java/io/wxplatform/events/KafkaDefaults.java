package io.wxplatform.events;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Client settings every service starts from; records are {@code String} keys and JSON {@code byte[]} bodies. */
public final class KafkaDefaults {

    private KafkaDefaults() {}

    public static Map<String, Object> producer(String bootstrapServers) {
        Map<String, Object> config = producer();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return config;
    }

    /** A mutable copy without servers, so a service can override single settings (e.g. a shorter delivery timeout). */
    public static Map<String, Object> producer() {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        // Durable means written to every in-sync replica, not just the leader.
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        // Retries never duplicate or reorder records within a partition.
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // The most idempotence allows while keeping order.
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        config.put(ProducerConfig.RETRIES_CONFIG, Integer.MAX_VALUE);
        // Retries are bounded by time instead: a send fails within 30 s, while its caller can still react.
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        // send() blocks the calling thread while metadata is missing; keep that short when Kafka is away.
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        // A few ms of batching costs callbacks nothing noticeable and saves requests under load.
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        return config;
    }

    public static Map<String, Object> consumer(String bootstrapServers, String groupId) {
        Map<String, Object> config = consumer();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        return config;
    }

    /** A mutable copy without servers and group, for an at-least-once consumer that commits only after handling. */
    public static Map<String, Object> consumer() {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        // Offsets are committed after the event is handled, never before.
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // A new consumer group must not skip events produced before it first started.
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // Never act on records of aborted transactions.
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return config;
    }
}
