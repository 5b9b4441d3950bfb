package io.wxplatform.callback.durability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.wxplatform.callback.CallbackProperties;
import io.wxplatform.support.logging.RequestLog;
import java.time.Clock;
import java.time.Duration;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Makes events durable before the callback is answered: Kafka first (acks=all), and when Kafka does not ack within
 * its budget, the MongoDB outbox. While a follower has events waiting in the outbox, its new events queue behind them
 * there, so the relay keeps the follower's order (asking MongoDB only while the outbox is not known to be empty).
 *
 * <p>A Kafka send that timed out may still be written later, and then the outbox publishes it once more; so may a
 * WeChat retry after a 503. Both carry the same event id, which consumers deduplicate.
 */
@Component
public class DurablePublisher {

    /** Callbacks that asked MongoDB whether their follower had events waiting (the outbox was not known empty). */
    static final String OUTBOX_LOOKUPS = "wx.callback.outbox.lookups";

    private static final Logger log = LoggerFactory.getLogger(DurablePublisher.class);

    private final KafkaSender kafka;
    private final OutboxStore outbox;
    private final OutboxEmptiness emptiness;
    private final Duration kafkaBudget;
    private final OutboxProperties outboxProperties;
    private final Clock clock;
    private final Counter outboxLookups;

    DurablePublisher(
            KafkaSender kafka,
            OutboxStore outbox,
            OutboxEmptiness emptiness,
            CallbackProperties properties,
            OutboxProperties outboxProperties,
            Clock clock,
            MeterRegistry meters) {
        this.kafka = kafka;
        this.outbox = outbox;
        this.emptiness = emptiness;
        this.kafkaBudget = properties.kafkaBudget();
        this.outboxProperties = outboxProperties;
        this.clock = clock;
        this.outboxLookups = Counter.builder(OUTBOX_LOOKUPS)
                .description("Callbacks that asked MongoDB whether their follower had events waiting in the outbox")
                .register(meters);
    }

    /**
     * Completes with where {@code record} was stored, or fails with {@link NotDurableException} when neither Kafka
     * nor the outbox acknowledged it in time. {@code requestLog}: the callback's, for the log line when the event goes
     * to the outbox.
     */
    public Mono<Durability> publish(String eventId, ProducerRecord<String, byte[]> record, RequestLog requestLog) {
        if (!emptiness.knownEmpty()) {
            // Not known to be empty everywhere (see OutboxEmptiness): ask MongoDB whether this follower has events
            // waiting. The usual case skips the round trip and costs the callback no operator either.
            return followerHasWaitingEvents(record.key())
                    .flatMap(waiting -> waiting
                            ? toOutbox(eventId, requestLog, record, null)
                            : toKafkaElseOutbox(eventId, requestLog, record));
        }
        return toKafkaElseOutbox(eventId, requestLog, record);
    }

    /** Unknown counts as no: when MongoDB cannot say, Kafka is still the better place for the event. */
    private Mono<Boolean> followerHasWaitingEvents(String key) {
        outboxLookups.increment();
        return outbox.hasPending(key).timeout(outboxProperties.checkTimeout()).onErrorReturn(false);
    }

    private Mono<Durability> toKafkaElseOutbox(
            String eventId, RequestLog requestLog, ProducerRecord<String, byte[]> record) {
        return kafka.send(record, kafkaBudget)
                .thenReturn(Durability.KAFKA)
                .onErrorResume(kafkaError -> toOutbox(eventId, requestLog, record, kafkaError));
    }

    private Mono<Durability> toOutbox(
            String eventId, RequestLog requestLog, ProducerRecord<String, byte[]> record, Throwable kafkaError) {
        if (kafkaError != null) {
            requestLog.log(() -> log.warn(
                    "Kafka did not ack {} within {}, storing it in the outbox: {}",
                    eventId,
                    kafkaBudget,
                    kafkaError.toString()));
        }
        return Mono.defer(() -> {
                    emptiness.inserting();
                    return outbox.insert(OutboxEntry.of(eventId, record, clock.instant()));
                })
                .timeout(outboxProperties.writeTimeout())
                .thenReturn(Durability.OUTBOX)
                .onErrorMap(outboxError -> {
                    NotDurableException failure = new NotDurableException(eventId, outboxError);
                    if (kafkaError != null) {
                        failure.addSuppressed(kafkaError);
                    }
                    return failure;
                });
    }
}
