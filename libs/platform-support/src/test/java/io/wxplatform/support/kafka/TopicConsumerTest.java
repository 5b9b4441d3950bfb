package io.wxplatform.support.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wxplatform.events.KafkaDefaults;
import io.wxplatform.testkit.KafkaProbe;
import io.wxplatform.testkit.TestInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/** The platform's consumer building block against the test kit's real broker, topic by topic of its own. */
class TopicConsumerTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final Failures QUICK_DLQ =
            Failures.deadLetter(3, Duration.ofMillis(20), Duration.ofMillis(100), error -> true);

    private final TopicConsumers consumers = TopicConsumers.of(TestInfrastructure.kafkaBootstrapServers());
    private final List<TopicConsumer> started = new CopyOnWriteArrayList<>();
    private KafkaProducer<String, byte[]> producer;
    private String topic;
    private String group;

    @BeforeEach
    void topic() {
        topic = "topic-consumer-test-" + UUID.randomUUID();
        group = topic + "-group";
        KafkaProbe.createTopics(topic, topic + ".dlq");
        producer = new KafkaProducer<>(KafkaDefaults.producer(TestInfrastructure.kafkaBootstrapServers()));
    }

    @AfterEach
    void stop() {
        started.forEach(TopicConsumer::close);
        consumers.close();
        producer.close();
    }

    /** Both partitions' first records wait for each other: only concurrent partitions get past them. */
    @Test
    void partitionsRunConcurrentlyAndTheRecordsOfOnePartitionInOrderThroughRetries() {
        for (int i = 0; i < 10; i++) {
            send(0, "a" + i);
            send(1, "b" + i);
        }
        Sinks.Empty<Void> aStarted = Sinks.empty();
        Sinks.Empty<Void> bStarted = Sinks.empty();
        Map<Integer, List<String>> handled = new ConcurrentHashMap<>();
        AtomicInteger a3attempts = new AtomicInteger();
        start(consumers.group(
                topic,
                group,
                record -> {
                    String value = value(record);
                    Mono<Void> gate = switch (value) {
                        case "a0" -> Mono.fromRunnable(aStarted::tryEmitEmpty).then(bStarted.asMono());
                        case "b0" -> Mono.fromRunnable(bStarted::tryEmitEmpty).then(aStarted.asMono());
                        // Fails twice, then passes: the records after it still come after it.
                        case "a3" ->
                            a3attempts.incrementAndGet() <= 2
                                    ? Mono.error(new IllegalStateException("not yet"))
                                    : Mono.empty();
                        default -> Mono.empty();
                    };
                    return gate.then(Mono.fromRunnable(
                            () -> handled.computeIfAbsent(record.partition(), partition -> new CopyOnWriteArrayList<>())
                                    .add(value)));
                },
                QUICK_DLQ));

        await().atMost(DEADLINE)
                .until(() -> handled.values().stream().mapToInt(List::size).sum() == 20);
        assertThat(handled.get(0)).containsExactly("a0", "a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8", "a9");
        assertThat(handled.get(1)).containsExactly("b0", "b1", "b2", "b3", "b4", "b5", "b6", "b7", "b8", "b9");
        assertThat(a3attempts).hasValue(3);
    }

    /** Redelivery is for notices that must never be skipped: the record comes back until it passes. */
    @Test
    void aRecordToRedeliverComesBackUntilItPassesAndNothingOfItsPartitionOvertakesIt() {
        send(0, "stubborn");
        RecordMetadata last = send(0, "after");
        List<String> handled = new CopyOnWriteArrayList<>();
        AtomicInteger attempts = new AtomicInteger();
        start(consumers.group(
                topic,
                group,
                record -> {
                    if (value(record).equals("stubborn") && attempts.incrementAndGet() <= 5) {
                        return Mono.error(new IllegalStateException("store unavailable"));
                    }
                    return Mono.fromRunnable(() -> handled.add(value(record)));
                },
                Failures.redeliver(2, Duration.ofMillis(20), Duration.ofMillis(100))));

        awaitCommittedPast(last);

        assertThat(handled).containsExactly("stubborn", "after");
        assertThat(attempts).hasValue(6);
    }

    @Test
    void aRecordThatKeepsFailingIsDeadLetteredAndItsPartitionGoesOn() {
        send(0, "poison");
        RecordMetadata last = send(0, "fine");
        List<String> handled = new CopyOnWriteArrayList<>();
        try (KafkaProbe dlq = KafkaProbe.on(topic + ".dlq")) {
            start(consumers.group(
                    topic,
                    group,
                    record -> value(record).equals("poison")
                            ? Mono.error(new IllegalStateException("never"))
                            : Mono.fromRunnable(() -> handled.add(value(record))),
                    QUICK_DLQ));

            ConsumerRecord<String, byte[]> letter = dlq.await(1, DEADLINE).get(0);

            assertThat(value(letter)).isEqualTo("poison");
            awaitCommittedPast(last);
            assertThat(handled).containsExactly("fine");
        }
    }

    /** A stop in the middle of a record commits nothing of it: the next start delivers it again. */
    @Test
    void stoppingCancelsTheRecordInFlightWithoutCommittingIt() {
        RecordMetadata sent = send(0, "slow");
        AtomicInteger attempts = new AtomicInteger();
        TopicConsumer first = start(consumers.group(
                topic,
                group,
                record -> {
                    attempts.incrementAndGet();
                    return Mono.never();
                },
                QUICK_DLQ));
        await().atMost(DEADLINE).until(() -> attempts.get() == 1);

        first.close();

        assertThat(first.isRunning()).isFalse();
        OffsetAndMetadata committed = committed(sent);
        assertThat(committed == null || committed.offset() <= sent.offset()).isTrue();
        List<String> handled = new CopyOnWriteArrayList<>();
        start(consumers.group(topic, group, record -> Mono.fromRunnable(() -> handled.add(value(record))), QUICK_DLQ));
        awaitCommittedPast(sent);
        assertThat(handled).containsExactly("slow");
    }

    /** The consumer must poll again within max.poll.interval.ms: a poll's work gets half of it, then comes again. */
    @Test
    void aPollThatOutlastsItsBudgetIsCutShortAndItsUnfinishedRecordsComeAgain() {
        Map<String, Object> config = KafkaDefaults.consumer();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers());
        config.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, 2_000);
        send(0, "hung");
        RecordMetadata last = send(0, "next");
        List<String> handled = new CopyOnWriteArrayList<>();
        AtomicInteger attempts = new AtomicInteger();
        try (TopicConsumers impatient = new TopicConsumers(config, KafkaDefaults.producer())) {
            start(impatient.group(
                    topic,
                    group,
                    record -> {
                        if (value(record).equals("hung") && attempts.incrementAndGet() == 1) {
                            return Mono.never();
                        }
                        return Mono.fromRunnable(() -> handled.add(value(record)));
                    },
                    QUICK_DLQ));

            awaitCommittedPast(last);

            assertThat(handled).containsExactly("hung", "next");
            assertThat(attempts).hasValue(2);
        }
    }

    @Test
    void aBroadcastConsumerSeesWhatIsPublishedOnceItIsAssignedAndNothingOlder() {
        send(0, "before");
        List<String> handled = new CopyOnWriteArrayList<>();
        TopicConsumer broadcast = start(consumers.broadcast(
                topic,
                group + "-" + UUID.randomUUID(),
                record -> Mono.fromRunnable(() -> handled.add(value(record))),
                Failures.skipAtOnce()));
        await().atMost(DEADLINE).until(broadcast::isAssigned);

        send(0, "after");

        await().atMost(DEADLINE).until(() -> handled.contains("after"));
        assertThat(handled).containsExactly("after");
    }

    /** A table is read whole at every start, and no consumer group keeps a position for it. */
    @Test
    void aTableIsReadFromTheBeginningAtEveryStart() {
        send(0, "one");
        send(1, "two");
        send(0, "three");
        List<TopicPartition> partitions =
                List.of(new TopicPartition(topic, 0), new TopicPartition(topic, 1), new TopicPartition(topic, 2));
        for (int round = 0; round < 2; round++) {
            List<String> read = new CopyOnWriteArrayList<>();
            TopicConsumer table = start(consumers.table(
                    partitions, topic + "-reader", record -> Mono.fromRunnable(() -> read.add(value(record)))));

            await().atMost(DEADLINE).until(() -> read.size() == 3);
            assertThat(read).containsExactlyInAnyOrder("one", "two", "three");
            assertThat(read.indexOf("one")).isLessThan(read.indexOf("three"));
            table.close();
        }
    }

    private TopicConsumer start(TopicConsumer consumer) {
        started.add(consumer);
        consumer.start();
        return consumer;
    }

    private RecordMetadata send(int partition, String value) {
        try {
            return producer.send(new ProducerRecord<>(
                            topic, partition, "key-" + partition, value.getBytes(StandardCharsets.UTF_8)))
                    .get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String value(ConsumerRecord<String, byte[]> record) {
        return new String(record.value(), StandardCharsets.UTF_8);
    }

    private void awaitCommittedPast(RecordMetadata sent) {
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(200)).until(() -> {
            OffsetAndMetadata committed = committed(sent);
            return committed != null && committed.offset() > sent.offset();
        });
    }

    private OffsetAndMetadata committed(RecordMetadata sent) {
        return admin(admin -> {
            try {
                return admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata()
                        .get()
                        .get(new TopicPartition(sent.topic(), sent.partition()));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static <T> T admin(Function<AdminClient, T> call) {
        try (AdminClient admin = AdminClient.create(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers()))) {
            return call.apply(admin);
        }
    }
}
