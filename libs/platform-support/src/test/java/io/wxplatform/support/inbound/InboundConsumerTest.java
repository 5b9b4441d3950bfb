package io.wxplatform.support.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wxplatform.events.EventRecords;
import io.wxplatform.events.InboundEvent;
import io.wxplatform.events.Topics;
import io.wxplatform.testkit.Inbound;
import io.wxplatform.testkit.InboundEvents;
import io.wxplatform.testkit.KafkaProbe;
import io.wxplatform.testkit.TestInfrastructure;
import io.wxplatform.wechat.protocol.TextMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import reactor.core.publisher.Mono;

/** The shared consumer against a real broker and MongoDB, fed by a handler whose behaviour each text selects. */
@SpringBootTest(
        classes = InboundConsumerTest.App.class,
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {
            "wxplatform.mongodb.database=inbound_consumer_test",
            "wxplatform.inbound.group-id=inbound-consumer-test",
            "wxplatform.inbound.max-attempts=3",
            "wxplatform.inbound.first-backoff=50ms",
            "wxplatform.inbound.max-backoff=200ms"
        })
class InboundConsumerTest {

    private static final String GROUP = "inbound-consumer-test";
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @Autowired
    ScriptedHandler handler;

    private InboundEvents events;
    private String appId;
    private final long now = Instant.now().getEpochSecond();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", TestInfrastructure::kafkaBootstrapServers);
        registry.add("wxplatform.mongodb.uri", TestInfrastructure::mongoUri);
    }

    @BeforeAll
    static void topics() {
        Inbound.createTopics();
    }

    @BeforeEach
    void account() {
        appId = "wx" + String.format("%016x", ThreadLocalRandom.current().nextLong());
        events = new InboundEvents("tenant-" + UUID.randomUUID().toString().substring(0, 8), appId);
    }

    @Test
    void aHandledRecordRunsTheHandlerOnceEvenWhenReplayedAndItsOffsetIsCommitted() {
        InboundEvent hello = events.text("o-alice", now, "ok");
        try (KafkaProbe dlq = KafkaProbe.on(Topics.dlq(Topics.INBOUND))) {
            Inbound.publish(hello);
            RecordMetadata replay = Inbound.publish(hello);

            awaitCommittedPast(replay);

            assertThat(handler.attempts(hello)).isEqualTo(1);
            assertThat(deadLetters(dlq, hello.kafkaKey())).isEmpty();
        }
    }

    @Test
    void aNonRetryableFailureIsDeadLetteredAtOnceWithTheErrorAttached() {
        InboundEvent poison = events.text("o-bob", now, "poison");
        try (KafkaProbe dlq = KafkaProbe.on(Topics.dlq(Topics.INBOUND))) {
            RecordMetadata sent = Inbound.publish(poison);

            ConsumerRecord<String, byte[]> letter = deadLetter(dlq, poison.kafkaKey());

            assertThat(header(letter, EventRecords.DLQ_ERROR_CLASS)).isEqualTo(PoisonException.class.getName());
            assertThat(header(letter, EventRecords.DLQ_ERROR_MESSAGE)).isEqualTo("never handleable");
            assertThat(header(letter, EventRecords.DLQ_ORIGINAL_TOPIC)).isEqualTo(Topics.INBOUND);
            assertThat(header(letter, EventRecords.DLQ_ORIGINAL_PARTITION)).isEqualTo(String.valueOf(sent.partition()));
            assertThat(header(letter, EventRecords.DLQ_ORIGINAL_OFFSET)).isEqualTo(String.valueOf(sent.offset()));
            awaitCommittedPast(sent);
            assertThat(handler.attempts(poison)).isEqualTo(1);
        }
    }

    @Test
    void anUnreadableRecordIsDeadLetteredWithoutReachingTheHandler() {
        String key = appId + "|o-carol";
        try (KafkaProbe dlq = KafkaProbe.on(Topics.dlq(Topics.INBOUND))) {
            RecordMetadata sent = Inbound.send(
                    new ProducerRecord<>(Topics.INBOUND, key, "{\"eventId\":".getBytes(StandardCharsets.UTF_8)));

            ConsumerRecord<String, byte[]> letter = deadLetter(dlq, key);

            assertThat(new String(letter.value(), StandardCharsets.UTF_8)).isEqualTo("{\"eventId\":");
            assertThat(header(letter, EventRecords.DLQ_ERROR_CLASS))
                    .isEqualTo(UnreadableRecordException.class.getName());
            awaitCommittedPast(sent);
        }
    }

    @Test
    void aRetryableFailureIsRetriedUntilItPasses() {
        InboundEvent flaky = events.text("o-dave", now, "fail-twice");
        try (KafkaProbe dlq = KafkaProbe.on(Topics.dlq(Topics.INBOUND))) {
            RecordMetadata sent = Inbound.publish(flaky);

            awaitCommittedPast(sent);

            assertThat(handler.attempts(flaky)).isEqualTo(3);
            assertThat(handler.successes(flaky)).isEqualTo(1);
            assertThat(deadLetters(dlq, flaky.kafkaKey())).isEmpty();
        }
    }

    @Test
    void aRetryableFailureThatOutlastsEveryAttemptIsDeadLettered() {
        InboundEvent broken = events.text("o-erin", now, "always-fail");
        try (KafkaProbe dlq = KafkaProbe.on(Topics.dlq(Topics.INBOUND))) {
            RecordMetadata sent = Inbound.publish(broken);

            ConsumerRecord<String, byte[]> letter = deadLetter(dlq, broken.kafkaKey());

            assertThat(header(letter, EventRecords.DLQ_ERROR_CLASS)).isEqualTo(IllegalStateException.class.getName());
            awaitCommittedPast(sent);
            assertThat(handler.attempts(broken)).isEqualTo(3);
        }
    }

    private static ConsumerRecord<String, byte[]> deadLetter(KafkaProbe dlq, String key) {
        return dlq.awaitMatching(letter -> key.equals(letter.key()), 1, DEADLINE)
                .get(0);
    }

    /** Reads on for a few handling rounds, so that a late dead letter would still show up. */
    private static List<ConsumerRecord<String, byte[]>> deadLetters(KafkaProbe dlq, String key) {
        return dlq.drainFor(Duration.ofSeconds(1)).stream()
                .filter(letter -> key.equals(letter.key()))
                .toList();
    }

    /** Committed means the group resumes after the record: its next offset or later. */
    private static void awaitCommittedPast(RecordMetadata sent) {
        TopicPartition partition = new TopicPartition(sent.topic(), sent.partition());
        try (AdminClient admin = AdminClient.create(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers()))) {
            await().atMost(DEADLINE).pollInterval(Duration.ofMillis(200)).until(() -> {
                OffsetAndMetadata committed = admin.listConsumerGroupOffsets(GROUP)
                        .partitionsToOffsetAndMetadata()
                        .get()
                        .get(partition);
                return committed != null && committed.offset() > sent.offset();
            });
        }
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    static class PoisonException extends RuntimeException implements NonRetryable {

        PoisonException() {
            super("never handleable");
        }
    }

    /** Does what the follower's text says: {@code ok}, {@code poison}, {@code fail-twice} or {@code always-fail}. */
    static class ScriptedHandler implements InboundHandler {

        private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
        private final Map<String, AtomicInteger> successes = new ConcurrentHashMap<>();

        @Override
        public Mono<Void> handle(InboundEvent event) {
            return Mono.defer(() -> {
                int attempt = counter(attempts, event).incrementAndGet();
                String script = event.message() instanceof TextMessage text ? text.content() : "ok";
                return switch (script) {
                    case "poison" -> Mono.error(new PoisonException());
                    case "always-fail" -> Mono.error(new IllegalStateException("still down"));
                    case "fail-twice" ->
                        attempt <= 2 ? Mono.error(new IllegalStateException("down for now")) : succeed(event);
                    default -> succeed(event);
                };
            });
        }

        private Mono<Void> succeed(InboundEvent event) {
            return Mono.fromRunnable(() -> counter(successes, event).incrementAndGet());
        }

        int attempts(InboundEvent event) {
            return counter(attempts, event).get();
        }

        int successes(InboundEvent event) {
            return counter(successes, event).get();
        }

        private static AtomicInteger counter(Map<String, AtomicInteger> counters, InboundEvent event) {
            return counters.computeIfAbsent(event.eventId(), id -> new AtomicInteger());
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {

        @Bean
        ScriptedHandler scriptedHandler() {
            return new ScriptedHandler();
        }
    }
}
