package io.wxplatform.callback.deadletter;

import io.wxplatform.support.web.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.kafka.core.KafkaTemplate;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Sends a dead letter again to its original topic, once: the claim in {@link Republications} makes a repeated (or
 * concurrent) request send nothing. Should a holder die between sending and recording, its lease runs out and the
 * next request sends again; consumers are idempotent on {@code ce_id}, so that copy changes nothing.
 */
class DeadLetterRepublisher {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterRepublisher.class);

    private final DeadLetterReader reader;
    private final Republications republications;
    private final KafkaTemplate<String, byte[]> kafka;
    private final Clock clock;
    private final Duration sendTimeout;

    DeadLetterRepublisher(
            DeadLetterReader reader,
            Republications republications,
            KafkaTemplate<String, byte[]> kafka,
            Clock clock,
            Duration sendTimeout) {
        this.reader = reader;
        this.republications = republications;
        this.kafka = kafka;
        this.clock = clock;
        this.sendTimeout = sendTimeout;
    }

    Mono<Republication> republish(String topic, int partition, long offset) {
        String id = Republications.id(topic, partition, offset);
        return reader.record(topic, partition, offset)
                .map(found -> found.orElseThrow(() -> ApiException.notFound(
                        "DEAD_LETTER_NOT_FOUND",
                        topic + " holds no record at partition " + partition + ", offset " + offset)))
                .map(DeadLetterRepublisher::checked)
                .flatMap(letter -> {
                    String owner = UUID.randomUUID().toString();
                    // The lease outlasts a send, so a live holder's claim is never taken over.
                    return republications
                            .claim(id, owner, clock.instant(), sendTimeout.multipliedBy(2))
                            .flatMap(claim -> {
                                if (claim instanceof Republications.Claim.Done done) {
                                    return Mono.just(done.republication().repeated());
                                }
                                if (claim instanceof Republications.Claim.Busy) {
                                    return Mono.error(ApiException.conflict(
                                            "REPUBLISH_IN_PROGRESS", "another request is re-publishing " + id));
                                }
                                return send(id, owner, letter);
                            });
                });
    }

    private Mono<Republication> send(String id, String owner, DeadLetter letter) {
        ProducerRecord<String, byte[]> original = letter.original();
        return Mono.fromFuture(() -> kafka.send(original))
                // send() may block waiting for metadata: never on an event loop.
                .subscribeOn(Schedulers.boundedElastic())
                .timeout(sendTimeout)
                .map(sent -> republication(sent.getRecordMetadata()))
                .flatMap(republication -> republications.complete(id, owner, republication))
                .doOnNext(republication -> log.info(
                        "Re-published dead letter {} (event {}) to {}-{}@{}",
                        id,
                        letter.eventId(),
                        republication.topic(),
                        republication.partition(),
                        republication.offset()))
                .onErrorResume(
                        error -> !(error instanceof ApiException),
                        error -> republications
                                .release(id, owner)
                                .then(Mono.error(new ApiException(
                                        HttpStatus.SERVICE_UNAVAILABLE,
                                        "KAFKA_UNAVAILABLE",
                                        "Kafka did not take the record: " + error))));
    }

    private Republication republication(RecordMetadata sent) {
        return new Republication(sent.topic(), sent.partition(), sent.offset(), clock.instant(), false);
    }

    /** Only a record our consumers parked goes back, and only to the topic its dead-letter topic belongs to. */
    private static DeadLetter checked(DeadLetter letter) {
        if (!DeadLetterTopics.originalOf(letter.topic()).equals(letter.originalTopic())) {
            throw new ApiException(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    "NOT_A_DEAD_LETTER",
                    "the record at "
                            + letter.partition() + "/" + letter.offset() + " names " + letter.originalTopic()
                            + " as its origin, not " + DeadLetterTopics.originalOf(letter.topic()));
        }
        return letter;
    }
}
