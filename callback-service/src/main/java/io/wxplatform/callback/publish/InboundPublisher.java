package io.wxplatform.callback.publish;

import java.time.Duration;

import io.wxplatform.callback.CallbackProperties;
import io.wxplatform.events.EventRecords;
import io.wxplatform.events.InboundEvent;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Makes inbound events durable on {@code wx.inbound.v1}: completes only once the broker acknowledged the record. */
@Component
public class InboundPublisher {

    private final KafkaTemplate<String, byte[]> kafka;
    private final Duration budget;

    public InboundPublisher(KafkaTemplate<String, byte[]> inboundKafkaTemplate, CallbackProperties properties) {
        this.kafka = inboundKafkaTemplate;
        this.budget = properties.durabilityTimeout();
    }

    /**
     * Completes when the record is acknowledged (acks=all), or fails with {@link NotDurableException} when that does
     * not happen within the durability budget. A record that times out here may still be written later; WeChat's
     * retry then publishes it again under the same event id, which consumers deduplicate.
     */
    public Mono<InboundEvent> publish(InboundEvent event) {
        return Mono.fromFuture(() -> kafka.send(EventRecords.inbound(event)))
                // send() itself blocks while the producer has no metadata (Kafka away): never on an event loop.
                .subscribeOn(Schedulers.boundedElastic())
                .timeout(budget)
                .onErrorMap(error -> new NotDurableException(event.eventId(), error))
                .thenReturn(event);
    }
}
