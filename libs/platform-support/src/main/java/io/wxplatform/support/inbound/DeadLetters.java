package io.wxplatform.support.inbound;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.wxplatform.events.EventRecords;
import reactor.core.publisher.Mono;
import reactor.kafka.sender.KafkaSender;
import reactor.kafka.sender.SenderRecord;

/** Parks a record that cannot be handled on {@code <topic>.dlq}, with the error attached as headers. */
class DeadLetters {

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    private final KafkaSender<String, byte[]> sender;

    DeadLetters(KafkaSender<String, byte[]> sender) {
        this.sender = sender;
    }

    /** Completes once the broker has the dead letter, so the original offset may then be committed. */
    Mono<Void> park(ConsumerRecord<String, byte[]> record, Throwable error) {
        ProducerRecord<String, byte[]> letter = EventRecords.deadLetter(record, error);
        return sender.send(Mono.just(SenderRecord.create(letter, null)))
                .next()
                .doOnNext(sent -> log.warn("dead-lettered {}-{}@{} to {}: {}", record.topic(), record.partition(),
                        record.offset(), letter.topic(), error.toString()))
                .then();
    }
}
