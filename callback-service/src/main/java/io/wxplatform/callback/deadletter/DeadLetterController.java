package io.wxplatform.callback.deadletter;

import io.wxplatform.support.security.TenantAccess;
import io.wxplatform.support.web.ApiException;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Platform operators read the dead-letter topics and, after fixing the cause, re-publish a record to its original
 * topic (docs/operations.md, "Re-publish dead letters").
 */
@RestController
@RequestMapping("/api/v1/operator/dead-letters")
class DeadLetterController {

    private static final int MAX_LIMIT = 100;

    private final DeadLetterReader reader;
    private final Republications republications;
    private final DeadLetterRepublisher republisher;

    DeadLetterController(DeadLetterReader reader, Republications republications, DeadLetterRepublisher republisher) {
        this.reader = reader;
        this.republications = republications;
        this.republisher = republisher;
    }

    @GetMapping
    Mono<List<DeadLetterTopicView>> topics() {
        return TenantAccess.operator()
                .thenMany(Flux.fromIterable(DeadLetterTopics.ALL)
                        .concatMap(topic -> reader.topic(topic)
                                // Not created yet: nothing was ever dead-lettered there.
                                .onErrorResume(
                                        ApiException.class,
                                        missing -> Mono.just(new DeadLetterTopicView(
                                                topic, DeadLetterTopics.originalOf(topic), List.of())))))
                .collectList();
    }

    @GetMapping("/{topic}/records")
    Mono<DeadLetterPage> records(
            @PathVariable String topic,
            @RequestParam(defaultValue = "0") int partition,
            @RequestParam(defaultValue = "0") long from,
            @RequestParam(defaultValue = "20") int limit) {
        return TenantAccess.operator()
                .then(Mono.defer(() -> {
                    DeadLetterTopics.require(topic);
                    validate(partition, from, limit);
                    return reader.page(topic, partition, from, limit);
                }))
                .flatMap(page -> republications
                        .done(page.letters().stream()
                                .map(letter -> Republications.id(topic, partition, letter.offset()))
                                .toList())
                        .map(done -> new DeadLetterPage(
                                topic,
                                partition,
                                page.beginningOffset(),
                                page.endOffset(),
                                page.letters().stream()
                                        .map(letter -> DeadLetterView.of(
                                                letter, done.get(Republications.id(topic, partition, letter.offset()))))
                                        .toList(),
                                page.nextOffset())));
    }

    /** Idempotent: a dead letter re-published before is not sent again; the answer says where it went then. */
    @PostMapping("/{topic}/records/{partition}/{offset}:republish")
    Mono<Republication> republish(@PathVariable String topic, @PathVariable int partition, @PathVariable long offset) {
        return TenantAccess.operator().then(Mono.defer(() -> {
            DeadLetterTopics.require(topic);
            validate(partition, offset, 1);
            return republisher.republish(topic, partition, offset);
        }));
    }

    private static void validate(int partition, long offset, int limit) {
        if (partition < 0) {
            throw ApiException.validation(Map.of("partition", "must be 0 or more"));
        }
        if (offset < 0) {
            throw ApiException.validation(Map.of("offset", "must be 0 or more"));
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiException.validation(Map.of("limit", "must be 1-" + MAX_LIMIT));
        }
    }
}
