package io.wxplatform.callback.deadletter;

import io.wxplatform.support.web.ApiException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.core.ConsumerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Reads dead-letter topics for the operator API with a short-lived consumer per request: no group, assigned to one
 * partition, seeked to an offset and polled until a page is full or the partition's end is reached, within
 * {@code timeout}. The Kafka client blocks, so every read runs on the bounded elastic scheduler.
 */
class DeadLetterReader {

    private static final Duration POLL = Duration.ofMillis(200);

    private final ConsumerFactory<String, byte[]> consumers;
    private final Duration timeout;

    DeadLetterReader(ConsumerFactory<String, byte[]> consumers, Duration timeout) {
        this.consumers = consumers;
        this.timeout = timeout;
    }

    Mono<DeadLetterTopicView> topic(String topic) {
        return blocking(() -> {
            try (Consumer<String, byte[]> consumer = consumers.createConsumer()) {
                List<TopicPartition> partitions = partitions(consumer, topic);
                var beginnings = consumer.beginningOffsets(partitions, timeout);
                var ends = consumer.endOffsets(partitions, timeout);
                return new DeadLetterTopicView(
                        topic,
                        DeadLetterTopics.originalOf(topic),
                        partitions.stream()
                                .map(p -> new DeadLetterTopicView.PartitionView(
                                        p.partition(), beginnings.get(p), ends.get(p), ends.get(p) - beginnings.get(p)))
                                .toList());
            }
        });
    }

    /** Up to {@code limit} records of {@code partition} from offset {@code from} (or the oldest still held). */
    Mono<Page> page(String topic, int partition, long from, int limit) {
        return blocking(() -> {
            try (Consumer<String, byte[]> consumer = consumers.createConsumer()) {
                TopicPartition assigned = assign(consumer, topic, partition);
                long beginning =
                        consumer.beginningOffsets(Set.of(assigned), timeout).get(assigned);
                long end = consumer.endOffsets(Set.of(assigned), timeout).get(assigned);
                long start = Math.max(from, beginning);
                List<DeadLetter> letters = new ArrayList<>();
                if (start < end) {
                    consumer.seek(assigned, start);
                    Instant deadline = Instant.now().plus(timeout);
                    while (letters.size() < limit
                            && consumer.position(assigned) < end
                            && Instant.now().isBefore(deadline)) {
                        for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                            if (letters.size() < limit && record.offset() < end) {
                                letters.add(DeadLetter.of(record));
                            }
                        }
                    }
                }
                long next = letters.isEmpty()
                        ? start
                        : letters.get(letters.size() - 1).offset() + 1;
                if (start < end && letters.size() < limit && consumer.position(assigned) >= end) {
                    next = end;
                }
                return new Page(beginning, end, letters, next);
            }
        });
    }

    /** The record at {@code offset}; empty when the partition does not hold it (never written, or expired). */
    Mono<Optional<DeadLetter>> record(String topic, int partition, long offset) {
        return page(topic, partition, offset, 1)
                .map(page -> page.letters().stream()
                        .filter(letter -> letter.offset() == offset)
                        .findFirst());
    }

    record Page(long beginningOffset, long endOffset, List<DeadLetter> letters, long nextOffset) {}

    private TopicPartition assign(Consumer<String, byte[]> consumer, String topic, int partition) {
        TopicPartition wanted = new TopicPartition(topic, partition);
        if (!partitions(consumer, topic).contains(wanted)) {
            throw ApiException.notFound("PARTITION_NOT_FOUND", topic + " has no partition " + partition);
        }
        consumer.assign(List.of(wanted));
        return wanted;
    }

    private List<TopicPartition> partitions(Consumer<String, byte[]> consumer, String topic) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
        if (infos == null || infos.isEmpty()) {
            throw ApiException.notFound(
                    "DEAD_LETTER_TOPIC_NOT_FOUND",
                    topic + " does not exist on the cluster (yet):" + " no record was dead-lettered");
        }
        return infos.stream()
                .map(info -> new TopicPartition(topic, info.partition()))
                .sorted(Comparator.comparingInt(TopicPartition::partition))
                .toList();
    }

    private static <T> Mono<T> blocking(Callable<T> read) {
        return Mono.fromCallable(read).subscribeOn(Schedulers.boundedElastic());
    }
}
