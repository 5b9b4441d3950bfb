package io.wxplatform.testkit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads one topic of the shared broker from its earliest offset, for assertions.
 *
 * <p>Every method returns all records the probe has seen so far, in arrival order, so a test can both wait for what
 * it expects and prove that nothing else arrived ({@link #drainFor}). The probe reads the whole topic: use a topic
 * (or a predicate) that only your test writes to. Not thread-safe; use it from the test thread and close it.
 */
public final class KafkaProbe implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(100);

    private final String topic;
    private final KafkaConsumer<String, byte[]> consumer;
    private final List<ConsumerRecord<String, byte[]>> received = new ArrayList<>();

    private KafkaProbe(String topic, KafkaConsumer<String, byte[]> consumer) {
        this.topic = topic;
        this.consumer = consumer;
    }

    /** Subscribes to {@code topic} with a fresh consumer group, reading from the earliest offset. */
    public static KafkaProbe on(String topic) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfrastructure.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "probe-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                // Only what producers committed, as the services' consumers see it.
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed");
        KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(topic));
        return new KafkaProbe(topic, consumer);
    }

    /** Waits until at least {@code count} records arrived; fails with what did arrive otherwise. */
    public List<ConsumerRecord<String, byte[]>> await(int count, Duration timeout) {
        return awaitMatching(r -> true, count, timeout);
    }

    /** Waits until at least {@code count} received records match; returns the matching ones. */
    public List<ConsumerRecord<String, byte[]>> awaitMatching(
            Predicate<ConsumerRecord<String, byte[]>> predicate, int count, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        List<ConsumerRecord<String, byte[]>> matching = matching(predicate);
        while (matching.size() < count) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Expected " + count + " matching record(s) on " + topic + " within "
                        + timeout + " but got " + matching.size() + " (of " + received.size() + " received): "
                        + describe(received));
            }
            pollOnce();
            matching = matching(predicate);
        }
        return matching;
    }

    /** Keeps reading for {@code duration} and returns everything received, including earlier records. */
    public List<ConsumerRecord<String, byte[]>> drainFor(Duration duration) {
        Instant deadline = Instant.now().plus(duration);
        while (Instant.now().isBefore(deadline)) {
            pollOnce();
        }
        return List.copyOf(received);
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }

    /** Creates topics on the shared broker with its default partition count; existing topics are left alone. */
    public static void createTopics(String... topics) {
        Map<String, Object> config =
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers());
        try (AdminClient admin = AdminClient.create(config)) {
            List<NewTopic> newTopics = Arrays.stream(topics)
                    .map(name -> new NewTopic(name, KafkaServer.DEFAULT_PARTITIONS, (short) 1))
                    .toList();
            for (var result : admin.createTopics(newTopics).values().entrySet()) {
                awaitCreated(result.getKey(), result.getValue());
            }
        }
    }

    private static void awaitCreated(String topic, org.apache.kafka.common.KafkaFuture<Void> future) {
        try {
            future.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("Could not create topic " + topic, e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topic " + topic, e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Timed out creating topic " + topic, e);
        }
    }

    private void pollOnce() {
        consumer.poll(POLL).forEach(received::add);
    }

    private List<ConsumerRecord<String, byte[]>> matching(Predicate<ConsumerRecord<String, byte[]>> predicate) {
        return received.stream().filter(predicate).toList();
    }

    private static String describe(List<ConsumerRecord<String, byte[]>> records) {
        return records.stream()
                .map(r -> "[p" + r.partition() + "@" + r.offset() + " key=" + r.key() + "]")
                .toList()
                .toString();
    }
}
