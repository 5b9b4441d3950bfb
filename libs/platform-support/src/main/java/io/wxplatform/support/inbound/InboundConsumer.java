package io.wxplatform.support.inbound;

import io.wxplatform.support.lifecycle.BackgroundLoop;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.wxplatform.events.EventJson;
import io.wxplatform.events.InboundEvent;
import io.wxplatform.support.idempotency.EventLedger;
import io.wxplatform.support.logging.LogContext;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.kafka.receiver.KafkaReceiver;
import reactor.kafka.receiver.ReceiverOptions;
import reactor.kafka.receiver.ReceiverRecord;
import reactor.util.retry.Retry;
import reactor.util.retry.RetryBackoffSpec;

/**
 * At-least-once consumer of {@code wx.inbound.v1} feeding a service's {@link InboundHandler}, under the consumer name
 * {@code wxplatform.inbound.group-id} (Kafka group and event-ledger name alike). It uses reactor-kafka rather than a
 * spring-kafka listener so that the reactive handlers (MongoDB, WebClient) run without parking a listener thread per
 * record. Records of one partition (one follower's events share a key, hence a partition) are handled in order,
 * partitions concurrently. An offset is acknowledged only after its record was handled or dead-lettered; acknowledged
 * offsets are committed every {@code commit-interval}, so a crash means redelivery, which the event ledger turns into
 * a no-op. A failure the handler calls retryable is retried with backoff up to {@code max-attempts}; then, or at once
 * for any other failure, the record goes to {@code wx.inbound.v1.dlq} with the error attached.
 */
public class InboundConsumer extends BackgroundLoop {

    /** flatMap must hold every partition's group at once, or groupBy stalls; far above any partition count here. */
    private static final int MAX_PARTITIONS = 256;
    private static final Logger log = LoggerFactory.getLogger(InboundConsumer.class);

    private final ReceiverOptions<String, byte[]> options;
    private final EventLedger ledger;
    private final InboundHandler handler;
    private final DeadLetters deadLetters;
    private final String consumer;
    private final RetryBackoffSpec retry;

    InboundConsumer(ReceiverOptions<String, byte[]> options, EventLedger ledger, InboundHandler handler,
            DeadLetters deadLetters, InboundProperties properties) {
        this.options = options;
        this.ledger = ledger;
        this.handler = handler;
        this.deadLetters = deadLetters;
        this.consumer = properties.groupId();
        this.retry = Retry.backoff(properties.maxAttempts() - 1L, properties.firstBackoff())
                .maxBackoff(properties.maxBackoff())
                .filter(handler::isRetryable)
                .doBeforeRetry(signal -> log.warn("handling an inbound event failed (attempt {}), retrying: {}",
                        signal.totalRetries() + 1, signal.failure().toString()))
                .onRetryExhaustedThrow((spec, signal) -> signal.failure());
    }

    @Override
    protected Disposable subscribe() {
        return consume().subscribe(null, error -> log.error("inbound consumer stopped", error));
    }

    private Flux<Void> consume() {
        return Flux.defer(() -> KafkaReceiver.create(options).receive())
                .groupBy(record -> record.receiverOffset().topicPartition())
                .flatMap(partition -> partition.concatMap(this::process), MAX_PARTITIONS)
                // Kafka trouble or a failed dead-letter write: reconnect and resume from the last committed offset.
                .retryWhen(untilItWorks("consuming " + options.subscriptionTopics()));
    }

    private static Retry untilItWorks(String activity) {
        return Retry.backoff(Long.MAX_VALUE, Duration.ofSeconds(1))
                .maxBackoff(Duration.ofSeconds(30))
                .doBeforeRetry(signal -> log.error("{} failed; trying again", activity, signal.failure()));
    }

    private Mono<Void> process(ReceiverRecord<String, byte[]> record) {
        return read(record)
                .flatMap(this::handleOnce)
                .onErrorResume(error -> deadLetters.park(record, error))
                .doOnSuccess(done -> record.receiverOffset().acknowledge());
    }

    private Mono<InboundEvent> read(ReceiverRecord<String, byte[]> record) {
        return Mono.fromCallable(() -> readable(EventJson.read(record.value(), InboundEvent.class)))
                .onErrorMap(UnreadableRecordException::new);
    }

    private static InboundEvent readable(InboundEvent event) {
        if (event.eventId() == null || event.appId() == null || event.openId() == null) {
            throw new IllegalArgumentException("eventId, appId and openId are required");
        }
        // The typed message was built while reading (InboundEvent's JSON), or reading failed.
        return event;
    }

    private Mono<Void> handleOnce(InboundEvent event) {
        return Mono.defer(() -> ledger.once(consumer, event.eventId(), () -> handler.handle(event)))
                .doOnNext(outcome -> log.debug("{} {}", event.eventId(), outcome))
                .retryWhen(retry)
                .then()
                // Every log line of this event's handling carries its id (LogContext).
                .contextWrite(LogContext.withEventId(event.eventId()));
    }
}
