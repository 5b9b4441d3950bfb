package io.wxplatform.support.kafka;

import io.wxplatform.events.EventRecords;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Parks a record that cannot be handled on {@code <topic>.dlq}, with the error attached as headers. */
final class DeadLetters {

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    private final KafkaTemplate<String, byte[]> template;

    DeadLetters(KafkaTemplate<String, byte[]> template) {
        this.template = template;
    }

    /** Completes once the broker has the dead letter, so the original offset may then be committed. */
    Mono<Void> park(ConsumerRecord<String, byte[]> record, Throwable error) {
        ProducerRecord<String, byte[]> letter = EventRecords.deadLetter(record, error);
        return Mono.fromFuture(() -> template.send(letter))
                // send() may wait for metadata (max.block.ms); never on a thread that must not block.
                .subscribeOn(Schedulers.boundedElastic())
                .doOnNext(sent -> log.warn(
                        "dead-lettered {}-{}@{} to {}: {}",
                        record.topic(),
                        record.partition(),
                        record.offset(),
                        letter.topic(),
                        error.toString()))
                .then();
    }
}
