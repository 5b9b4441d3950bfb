package io.wxplatform.token.component;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.wxplatform.events.ComponentEvent;
import io.wxplatform.events.EventJson;
import io.wxplatform.events.KafkaDefaults;
import io.wxplatform.events.Topics;
import io.wxplatform.support.idempotency.EventLedger;
import io.wxplatform.support.lifecycle.BackgroundLoop;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.stereotype.Component;

import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.kafka.receiver.KafkaReceiver;
import reactor.kafka.receiver.ReceiverOptions;
import reactor.kafka.receiver.ReceiverRecord;
import reactor.util.retry.Retry;

/**
 * At-least-once consumer of {@code wx.component.v1}: each push is handled once per event id through the event
 * ledger (redeliveries and WeChat's repeated pushes change nothing), in order (pushes are few), and its offset
 * acknowledged only afterwards. A push that keeps failing is logged and skipped: the next ticket comes in 10 minutes,
 * and an authorization still completes through the browser's return.
 */
@Component
class ComponentEventConsumer extends BackgroundLoop {

    private static final Logger log = LoggerFactory.getLogger(ComponentEventConsumer.class);
    private static final Duration COMMIT_INTERVAL = Duration.ofSeconds(1);

    private final ReceiverOptions<String, byte[]> options;
    private final EventLedger ledger;
    private final ComponentEventHandler handler;
    private final String consumer;

    ComponentEventConsumer(KafkaProperties kafka, ComponentProperties properties, EventLedger ledger,
            ComponentEventHandler handler) {
        Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
        config.putAll(KafkaDefaults.consumer());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, properties.consumerGroup());
        this.options = ReceiverOptions.<String, byte[]>create(config)
                .subscription(List.of(Topics.COMPONENT))
                .commitInterval(COMMIT_INTERVAL);
        this.ledger = ledger;
        this.handler = handler;
        this.consumer = properties.consumerGroup();
    }

    @Override
    protected Disposable subscribe() {
        return Flux.defer(() -> KafkaReceiver.create(options).receive())
                .concatMap(this::process)
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofSeconds(1)).maxBackoff(Duration.ofSeconds(30))
                        .doBeforeRetry(signal -> log.error("Consuming {} failed; trying again", Topics.COMPONENT,
                                signal.failure())))
                .subscribe();
    }

    private Mono<Void> process(ReceiverRecord<String, byte[]> record) {
        return Mono.fromCallable(() -> EventJson.read(record.value(), ComponentEvent.class))
                .flatMap(event -> Mono.defer(() -> ledger.once(consumer, event.eventId(), () -> handler.handle(event)))
                        .retryWhen(Retry.backoff(4, Duration.ofMillis(500)))
                        .doOnError(error -> log.error("Gave up on component push {}", event, error)))
                .onErrorResume(error -> {
                    log.warn("Skipped record {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                            error.toString());
                    return Mono.empty();
                })
                .then(Mono.fromRunnable(() -> record.receiverOffset().acknowledge()));
    }
}
