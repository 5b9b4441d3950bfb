package io.wxplatform.callback.publish;

import java.time.Clock;
import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.wxplatform.callback.CallbackProperties;
import io.wxplatform.callback.outbox.OutboxEmptiness;
import io.wxplatform.callback.outbox.OutboxEntry;
import io.wxplatform.callback.outbox.OutboxProperties;
import io.wxplatform.callback.outbox.OutboxStore;
import io.wxplatform.events.ComponentEvent;
import io.wxplatform.events.EventRecords;
import io.wxplatform.events.InboundEvent;
import io.wxplatform.support.logging.LogContext;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

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

    private final KafkaTemplate<String, byte[]> kafka;
    private final OutboxStore outbox;
    private final OutboxEmptiness emptiness;
    private final Duration kafkaBudget;
    private final OutboxProperties outboxProperties;
    private final Clock clock;
    private final Counter outboxLookups;
    private final ProducerReadiness readiness = new ProducerReadiness();

    public DurablePublisher(KafkaTemplate<String, byte[]> inboundKafkaTemplate, OutboxStore outbox,
                            OutboxEmptiness emptiness, CallbackProperties properties,
                            OutboxProperties outboxProperties, Clock clock, MeterRegistry meters) {
        this.kafka = inboundKafkaTemplate;
        this.outbox = outbox;
        this.emptiness = emptiness;
        this.kafkaBudget = properties.kafkaBudget();
        this.outboxProperties = outboxProperties;
        this.clock = clock;
        this.outboxLookups = Counter.builder(OUTBOX_LOOKUPS)
                .description("Callbacks that asked MongoDB whether their follower had events waiting in the outbox")
                .register(meters);
    }

    /** {@code requestId}: the callback's, for the log line when the event goes to the outbox. */
    public Mono<Durability> publish(InboundEvent event, String requestId) {
        return publish(event.eventId(), requestId, EventRecords.inbound(event));
    }

    public Mono<Durability> publish(ComponentEvent event, String requestId) {
        return publish(event.eventId(), requestId, EventRecords.component(event));
    }

    /**
     * Completes with where the record was stored, or fails with {@link NotDurableException} when neither Kafka nor
     * the outbox acknowledged it in time.
     */
    Mono<Durability> publish(String eventId, String requestId, ProducerRecord<String, byte[]> record) {
        return followerHasWaitingEvents(record.key())
                .flatMap(waiting -> waiting
                        ? toOutbox(eventId, requestId, record, null)
                        : toKafka(record).onErrorResume(
                                kafkaError -> toOutbox(eventId, requestId, record, kafkaError)));
    }

    /**
     * No MongoDB round trip while the outbox is known to be empty everywhere (see {@link OutboxEmptiness}). Unknown
     * counts as no: when MongoDB cannot say, Kafka is still the better place for the event.
     */
    private Mono<Boolean> followerHasWaitingEvents(String key) {
        if (emptiness.knownEmpty()) {
            return Mono.just(false);
        }
        outboxLookups.increment();
        return outbox.hasPending(key)
                .timeout(outboxProperties.checkTimeout())
                .onErrorReturn(false);
    }

    private Mono<Durability> toKafka(ProducerRecord<String, byte[]> record) {
        Mono<?> sending = Mono.fromFuture(() -> kafka.send(record));
        if (!readiness.sendsCannotBlock()) {
            // send() itself may block (no metadata, full buffer): never on an event loop.
            sending = sending.subscribeOn(Schedulers.boundedElastic());
        }
        return sending
                .timeout(kafkaBudget)
                .doOnNext(acked -> readiness.acked())
                .doOnError(failed -> readiness.failed())
                .thenReturn(Durability.KAFKA);
    }

    private Mono<Durability> toOutbox(String eventId, String requestId, ProducerRecord<String, byte[]> record,
                                      Throwable kafkaError) {
        if (kafkaError != null) {
            LogContext.logWithRequestId(requestId, () -> log.warn(
                    "Kafka did not ack {} within {}, storing it in the outbox: {}", eventId, kafkaBudget,
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
