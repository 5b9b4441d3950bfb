package io.wxplatform.support.inbound;

import io.wxplatform.events.EventJson;
import io.wxplatform.events.InboundEvent;
import io.wxplatform.events.Topics;
import io.wxplatform.support.idempotency.EventLedger;
import io.wxplatform.support.kafka.Failures;
import io.wxplatform.support.kafka.TopicConsumer;
import io.wxplatform.support.kafka.TopicConsumers;
import io.wxplatform.support.logging.LogContext;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.publisher.Mono;

/**
 * At-least-once consumer of {@code wx.inbound.v1} feeding a service's {@link InboundHandler}, under the consumer name
 * {@code wxplatform.inbound.group-id} (Kafka group and event-ledger name alike), built with platform-support's
 * {@link TopicConsumers#group}: records of one partition (one follower's events share a key, hence a partition) are
 * handled in order, partitions concurrently, and an offset is committed only after its record was handled or
 * dead-lettered, so a crash means redelivery, which the event ledger turns into a no-op. A failure the handler calls
 * retryable is retried with backoff up to {@code max-attempts}; then, or at once for any other failure, the record
 * goes to {@code wx.inbound.v1.dlq} with the error attached.
 */
public class InboundConsumer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(InboundConsumer.class);

    private final EventLedger ledger;
    private final InboundHandler handler;
    private final String consumer;
    private final TopicConsumer kafka;

    InboundConsumer(
            TopicConsumers consumers, EventLedger ledger, InboundHandler handler, InboundProperties properties) {
        this.ledger = ledger;
        this.handler = handler;
        this.consumer = properties.groupId();
        this.kafka = consumers.group(
                Topics.INBOUND,
                properties.groupId(),
                this::process,
                Failures.deadLetter(
                        properties.maxAttempts(),
                        properties.firstBackoff(),
                        properties.maxBackoff(),
                        error -> !(error instanceof UnreadableRecordException) && handler.isRetryable(error)));
    }

    @Override
    public void start() {
        kafka.start();
    }

    @Override
    public void stop() {
        kafka.stop();
    }

    @Override
    public boolean isRunning() {
        return kafka.isRunning();
    }

    private Mono<Void> process(ConsumerRecord<String, byte[]> record) {
        return read(record).flatMap(this::handleOnce);
    }

    private static Mono<InboundEvent> read(ConsumerRecord<String, byte[]> record) {
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
                .then()
                // Every log line of this event's handling carries its id (LogContext).
                .contextWrite(LogContext.withEventId(event.eventId()));
    }
}
