package io.wxplatform.callback.rules;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** A topic's partitions with their earliest and end offsets, read once with a short-lived admin client. */
final class StartOffsets {

    private StartOffsets() {}

    /** Fails with {@link org.apache.kafka.common.errors.UnknownTopicOrPartitionException} for a missing topic. */
    static Mono<Map<TopicPartition, Range>> of(Map<String, Object> adminConfig, String topic) {
        return Mono.usingWhen(
                        Mono.fromCallable(() -> Admin.create(adminConfig)),
                        admin -> partitions(admin, topic).flatMap(partitions -> ranges(admin, partitions)),
                        admin -> Mono.fromRunnable(() -> admin.close(Duration.ofSeconds(1))))
                // Creating and closing an admin client may block briefly.
                .subscribeOn(Schedulers.boundedElastic());
    }

    private static Mono<List<TopicPartition>> partitions(Admin admin, String topic) {
        return mono(admin.describeTopics(List.of(topic)).allTopicNames())
                .map(topics -> topics.get(topic).partitions().stream()
                        .map(info -> new TopicPartition(topic, info.partition()))
                        .toList());
    }

    private static Mono<Map<TopicPartition, Range>> ranges(Admin admin, List<TopicPartition> partitions) {
        Mono<Map<TopicPartition, Long>> earliest = offsets(admin, partitions, OffsetSpec.earliest());
        Mono<Map<TopicPartition, Long>> latest = offsets(admin, partitions, OffsetSpec.latest());
        return Mono.zip(earliest, latest)
                .map(both -> partitions.stream()
                        .collect(Collectors.toMap(
                                Function.identity(),
                                tp -> new Range(
                                        both.getT1().get(tp), both.getT2().get(tp)))));
    }

    private static Mono<Map<TopicPartition, Long>> offsets(
            Admin admin, List<TopicPartition> partitions, OffsetSpec spec) {
        return mono(admin.listOffsets(partitions.stream().collect(Collectors.toMap(Function.identity(), tp -> spec)))
                        .all())
                .map(result -> result.entrySet().stream()
                        .collect(Collectors.toMap(
                                Map.Entry::getKey, entry -> entry.getValue().offset())));
    }

    private static <T> Mono<T> mono(KafkaFuture<T> future) {
        CompletableFuture<T> completable = future.toCompletionStage().toCompletableFuture();
        return Mono.fromFuture(completable).onErrorMap(CompletionException.class, CompletionException::getCause);
    }

    /** A partition's offsets when reading began: records in [earliest, end) must be applied to be caught up. */
    record Range(long earliest, long end) {
        boolean empty() {
            return earliest >= end;
        }
    }
}
