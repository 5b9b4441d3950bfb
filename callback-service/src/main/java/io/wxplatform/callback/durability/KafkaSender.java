package io.wxplatform.callback.durability;

import io.wxplatform.support.tracing.Tracing;
import java.time.Clock;
import java.time.Duration;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The one way this service sends to Kafka, for callbacks and for the outbox relay alike: waits for the ack (acks=all)
 * within a timeout, and hands {@code send()} to a thread that may block unless {@link ProducerReadiness} says it
 * cannot (callers run on event loops and parallel threads, which must never block).
 */
public final class KafkaSender {

    private final KafkaTemplate<String, byte[]> kafka;
    private final ProducerReadiness readiness;

    public KafkaSender(KafkaTemplate<String, byte[]> kafka, Clock clock) {
        this.kafka = kafka;
        this.readiness = new ProducerReadiness(clock);
    }

    /** Completes with Kafka's ack, or fails when there is none within {@code timeout}. */
    Mono<SendResult<String, byte[]>> send(ProducerRecord<String, byte[]> record, Duration timeout) {
        // The callback's span (if any) is in the Reactor context, not on the thread: KafkaTemplate looks on the thread.
        Mono<SendResult<String, byte[]>> sending = Mono.deferContextual(
                context -> Mono.fromFuture(() -> Tracing.inScope(context, () -> kafka.send(record))));
        if (!readiness.sendsCannotBlock()) {
            // send() itself may block (no metadata, full buffer): never on an event loop or a parallel thread.
            sending = sending.subscribeOn(Schedulers.boundedElastic());
        }
        return sending.timeout(timeout).doOnNext(acked -> readiness.acked()).doOnError(failed -> readiness.failed());
    }
}
