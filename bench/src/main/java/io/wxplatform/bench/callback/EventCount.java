package io.wxplatform.bench.callback;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads a topic from the beginning and counts records by {@code ce_id}: {@code lost} are answered ids never found,
 * {@code duplicated} are records beyond the first of each id that was sent in a measured phase (warm-ups repeat
 * their callbacks on purpose, as WeChat's retries would, so their ids are not judged); {@code someLost} names a
 * few lost ids, to look for in callback-service's log.
 */
record EventCount(long records, int distinct, int lost, long duplicated, List<String> someLost) {

    static EventCount read(
            String bootstrapServers, String topic, Set<String> answered, Set<String> issued, Duration patience) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class.getName(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                5000);
        long records = 0;
        Map<String, Integer> seen = new HashMap<>();
        long deadline = System.nanoTime() + patience.toNanos();
        try (var consumer = new KafkaConsumer<byte[], byte[]>(config)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            // Events parked in callback-service's outbox reach Kafka later; wait for them up to the deadline.
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    records++;
                    Header id = record.headers().lastHeader("ce_id");
                    if (id != null) {
                        seen.merge(new String(id.value(), StandardCharsets.UTF_8), 1, Integer::sum);
                    }
                }
                if (seen.keySet().containsAll(answered) && caughtUp(consumer, partitions)) {
                    break;
                }
            }
        }
        List<String> missing =
                answered.stream().filter(id -> !seen.containsKey(id)).toList();
        long duplicated = issued.stream()
                .mapToLong(id -> Math.max(0, seen.getOrDefault(id, 0) - 1))
                .sum();
        return new EventCount(
                records, seen.size(), missing.size(), duplicated, missing.subList(0, Math.min(5, missing.size())));
    }

    private static boolean caughtUp(KafkaConsumer<byte[], byte[]> consumer, List<TopicPartition> partitions) {
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        return partitions.stream().allMatch(p -> consumer.position(p) >= ends.get(p));
    }
}
