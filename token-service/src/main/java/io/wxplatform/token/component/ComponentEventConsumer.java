package io.wxplatform.token.component;

import io.wxplatform.events.ComponentEvent;
import io.wxplatform.events.EventJson;
import io.wxplatform.events.Topics;
import io.wxplatform.support.idempotency.EventLedger;
import io.wxplatform.support.kafka.Failures;
import io.wxplatform.support.kafka.TopicConsumer;
import io.wxplatform.support.kafka.TopicConsumers;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * At-least-once consumer of {@code wx.component.v1} (platform-support's {@link TopicConsumers#group}): each push is
 * handled once per event id through the event ledger (redeliveries and WeChat's repeated pushes change nothing), in
 * order per partition, and its offset committed only afterwards. A push that keeps failing (five attempts) is logged
 * and skipped: the next ticket comes in 10 minutes, and an authorization still completes through the browser's
 * return.
 */
@Component
class ComponentEventConsumer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ComponentEventConsumer.class);
    private static final Failures FAILURES = Failures.skip(5, Duration.ofMillis(500), Duration.ofSeconds(8));

    private final EventLedger ledger;
    private final ComponentEventHandler handler;
    private final String consumer;
    private final TopicConsumer kafka;

    ComponentEventConsumer(
            TopicConsumers consumers,
            ComponentProperties properties,
            EventLedger ledger,
            ComponentEventHandler handler) {
        this.ledger = ledger;
        this.handler = handler;
        this.consumer = properties.consumerGroup();
        this.kafka = consumers.group(Topics.COMPONENT, properties.consumerGroup(), this::process, FAILURES);
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
        ComponentEvent event;
        try {
            event = EventJson.read(record.value(), ComponentEvent.class);
        } catch (RuntimeException unreadable) {
            log.warn(
                    "Skipped unreadable record {}-{}@{}: {}",
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    unreadable.toString());
            return Mono.empty();
        }
        return Mono.defer(() -> ledger.once(consumer, event.eventId(), () -> handler.handle(event)))
                .doOnError(error -> log.warn("Component push {} failed: {}", event.eventId(), error.toString()))
                .then();
    }
}
