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

    /** Lookups MongoDB did not answer within {@code check-timeout}: those events went to the outbox first. */
    static final String OUTBOX_LOOKUPS_UNANSWERED = "wx.callback.outbox.lookups.unanswered";

    private static final Logger log = LoggerFactory.getLogger(DurablePublisher.class);

    private final KafkaSender kafka;
    private final OutboxStore outbox;
    private final OutboxEmptiness emptiness;
    private final Duration kafkaBudget;
    private final OutboxProperties outboxProperties;
    private final Clock clock;
    private final Counter outboxLookups;
    private final Counter unansweredLookups;

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
        this.unansweredLookups = Counter.builder(OUTBOX_LOOKUPS_UNANSWERED)
                .description("Outbox lookups MongoDB did not answer in time; those events went to the outbox first")
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
            return followerHasWaitingEvents(record.key()).flatMap(waiting -> switch (waiting) {
                case YES -> toOutbox(eventId, requestLog, record, null);
                case NO -> toKafkaElseOutbox(eventId, requestLog, record);
                case UNKNOWN -> toOutboxElseKafka(eventId, requestLog, record);
            });
        }
        return toKafkaElseOutbox(eventId, requestLog, record);
    }

    /** Whether the follower has events waiting in the outbox; UNKNOWN when MongoDB does not say within its budget. */
    private Mono<Waiting> followerHasWaitingEvents(String key) {
        outboxLookups.increment();
        return outbox.hasPending(key)
                .map(pending -> pending ? Waiting.YES : Waiting.NO)
                .timeout(outboxProperties.checkTimeout())
                .onErrorResume(error -> {
                    unansweredLookups.increment();
                    return Mono.just(Waiting.UNKNOWN);
                });
    }

    /**
     * MongoDB did not say whether the follower has events waiting: the outbox first, behind any that wait there, so
     * the follower's order holds while MongoDB is only slow (sending to Kafka here put later events ahead of earlier
     * ones after a Kafka outage: bench/run.sh fault-kafka-stop). Only when the outbox cannot take it either (MongoDB
     * away) does Kafka take it, order then unknowable, rather than WeChat getting a 503.
     */
    private Mono<Durability> toOutboxElseKafka(
            String eventId, RequestLog requestLog, ProducerRecord<String, byte[]> record) {
        return toOutbox(eventId, requestLog, record, null).onErrorResume(NotDurableException.class, outboxFailure -> {
            requestLog.log(() -> log.warn(
                    "MongoDB neither said whether the follower of {} has events waiting nor took it into the"
                            + " outbox; sending it to Kafka: {}",
                    eventId,
                    String.valueOf(outboxFailure.getCause())));
            return kafka.send(record, kafkaBudget).thenReturn(Durability.KAFKA).onErrorMap(kafkaError -> {
                outboxFailure.addSuppressed(kafkaError);
                return outboxFailure;
            });
        });
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

    private enum Waiting {
        YES,
        NO,
        UNKNOWN
    }
}
