package io.wxplatform.support.kafka;

import io.micrometer.observation.ObservationRegistry;
import io.wxplatform.events.KafkaDefaults;
import io.wxplatform.support.tracing.KafkaSendTracing;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.kafka.support.TopicPartitionOffset;

/**
 * The platform's one way to consume Kafka: builds {@link TopicConsumer}s (spring-kafka listener containers with
 * manual acknowledgement per poll) from shared client settings. Auto-configured in every service with Kafka
 * ({@link KafkaConsumersAutoConfiguration}); libraries outside a Spring context create one from
 * {@link KafkaDefaults}.
 * <ul>
 * <li>{@link #group}: at-least-once work in a consumer group, offsets committed after handling;</li>
 * <li>{@link #broadcast}: every instance reads every notice, in a group of its own from the latest offset;</li>
 * <li>{@link #table}: a compacted topic read whole into memory, from the beginning, without a group.</li>
 * </ul>
 * The dead-letter producer ({@code KafkaTemplate}, idempotent, acks=all) is created on first use and closed with
 * {@link #close()}.
 * <p>
 * Given an {@link ObservationRegistry} (the auto-configuration passes Boot's when tracing is on), every record is
 * handled in a span continuing its {@code traceparent}, and dead letters keep the trace.
 */
public class TopicConsumers implements AutoCloseable {

    private static final long DEFAULT_MAX_POLL_INTERVAL_MS = 300_000;

    private final Map<String, Object> consumerConfig;
    private final Map<String, Object> producerConfig;
    private final ObservationRegistry observations;
    private volatile DefaultKafkaProducerFactory<String, byte[]> deadLetterProducer;
    private volatile DeadLetters deadLetters;

    /**
     * @param consumerConfig client settings of every consumer, e.g. {@link KafkaDefaults#consumer()} with servers
     * @param producerConfig settings of the dead-letter producer, e.g. {@link KafkaDefaults#producer()} with servers
     */
    public TopicConsumers(Map<String, Object> consumerConfig, Map<String, Object> producerConfig) {
        this(consumerConfig, producerConfig, null);
    }

    /** As above, with every record handled in a span of {@code observations} ({@code null}: no tracing). */
    public TopicConsumers(
            Map<String, Object> consumerConfig, Map<String, Object> producerConfig, ObservationRegistry observations) {
        this.consumerConfig = Map.copyOf(consumerConfig);
        this.producerConfig = Map.copyOf(producerConfig);
        this.observations = observations;
    }

    /** Defaults of the platform (String keys, byte[] bodies, idempotent acks=all producer) for these servers. */
    public static TopicConsumers of(String bootstrapServers) {
        Map<String, Object> consumer = KafkaDefaults.consumer();
        consumer.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return new TopicConsumers(consumer, KafkaDefaults.producer(bootstrapServers));
    }

    /**
     * At-least-once consumer of {@code topic} in consumer group {@code groupId}: from the earliest offset for a new
     * group, an offset committed only after its record was handled (or dead-lettered or skipped, as {@code failures}
     * say).
     */
    public TopicConsumer group(String topic, String groupId, RecordHandler handler, Failures failures) {
        Objects.requireNonNull(groupId, "groupId");
        Map<String, Object> config = new HashMap<>(consumerConfig);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        return create(topic + "/" + groupId, config, new ContainerProperties(topic), handler, failures, true);
    }

    /**
     * Every instance reads every notice of {@code topic} published after it started: a consumer group of its own
     * ({@code groupId} should be unique per instance), starting at the latest offset.
     * {@link TopicConsumer#isAssigned()} says from when on notices are seen.
     */
    public TopicConsumer broadcast(String topic, String groupId, RecordHandler handler, Failures failures) {
        Map<String, Object> config = new HashMap<>(consumerConfig);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, Objects.requireNonNull(groupId, "groupId"));
        // Only notices from now on matter: the group is new on every start.
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        return create(topic + "/" + groupId, config, new ContainerProperties(topic), handler, failures, true);
    }

    /**
     * Reads {@code partitions} from the beginning at every start, with no consumer group and no commits, for as
     * long as it runs: the way to hold a compacted topic in memory. {@code clientId} names the client.
     */
    public TopicConsumer table(Collection<TopicPartition> partitions, String clientId, RecordHandler handler) {
        Map<String, Object> config = new HashMap<>(consumerConfig);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        ContainerProperties properties = new ContainerProperties(partitions.stream()
                .map(tp -> new TopicPartitionOffset(
                        tp.topic(), tp.partition(), TopicPartitionOffset.SeekPosition.BEGINNING))
                .toArray(TopicPartitionOffset[]::new));
        return create(clientId, config, properties, handler, Failures.skipAtOnce(), false);
    }

    private TopicConsumer create(
            String name,
            Map<String, Object> config,
            ContainerProperties properties,
            RecordHandler handler,
            Failures failures,
            boolean commits) {
        DefaultKafkaConsumerFactory<String, byte[]> factory = new DefaultKafkaConsumerFactory<>(config);
        DeadLetters letters = failures.afterwards() == Failures.Afterwards.DEAD_LETTER ? deadLetters() : null;
        return new TopicConsumer(
                name, handler, failures, letters, commits, pollBudget(config), observations, (listener, rebalance) -> {
                    properties.setMessageListener(listener);
                    properties.setConsumerRebalanceListener(rebalance);
                    properties.setAckMode(ContainerProperties.AckMode.MANUAL);
                    if (!commits) {
                        properties.setAssignmentCommitOption(ContainerProperties.AssignmentCommitOption.NEVER);
                    }
                    KafkaMessageListenerContainer<String, byte[]> container =
                            new KafkaMessageListenerContainer<>(factory, properties);
                    container.setBeanName(name);
                    container.setAutoStartup(false);
                    return container;
                });
    }

    /** Half of {@code max.poll.interval.ms}: a poll's work must leave the consumer time to poll again. */
    private static Duration pollBudget(Map<String, Object> config) {
        Object interval = config.get(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG);
        long millis = interval == null ? DEFAULT_MAX_POLL_INTERVAL_MS : Long.parseLong(interval.toString());
        return Duration.ofMillis(millis / 2);
    }

    private synchronized DeadLetters deadLetters() {
        if (deadLetters == null) {
            deadLetterProducer = new DefaultKafkaProducerFactory<>(producerConfig);
            KafkaTemplate<String, byte[]> template = new KafkaTemplate<>(deadLetterProducer);
            if (observations != null) {
                KafkaSendTracing.observe(template, observations);
            }
            deadLetters = new DeadLetters(template);
        }
        return deadLetters;
    }

    @Override
    public synchronized void close() {
        if (deadLetterProducer != null) {
            deadLetterProducer.destroy();
        }
    }
}
