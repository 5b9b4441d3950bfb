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
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Every event id on a topic, read from the beginning: how many records carry it and where its first record is
 * (partition, offset, the producer's timestamp, the record key). The fault runs judge loss, duplicates, per-follower
 * order and when an event reached Kafka from these.
 */
record InboundRecords(long records, Map<String, First> firstById, Map<String, Integer> countById) {

    /** The first record of one event id. */
    record First(int partition, long offset, long timestampMillis, String key) {}

    /** Reads until every id of {@code expected} is seen and the topic is read to its end, or {@code patience} ends. */
    static InboundRecords read(String bootstrapServers, String topic, Set<String> expected, Duration patience) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class.getName(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                5000);
        long records = 0;
        Map<String, First> first = new HashMap<>();
        Map<String, Integer> counts = new HashMap<>();
        long deadline = System.nanoTime() + patience.toNanos();
        try (var consumer = new KafkaConsumer<String, String>(config)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    records++;
                    Header id = record.headers().lastHeader("ce_id");
                    if (id == null) {
                        continue;
                    }
                    String eventId = new String(id.value(), StandardCharsets.UTF_8);
                    counts.merge(eventId, 1, Integer::sum);
                    first.putIfAbsent(
                            eventId, new First(record.partition(), record.offset(), record.timestamp(), record.key()));
                }
                if (first.keySet().containsAll(expected) && caughtUp(consumer, partitions)) {
                    break;
                }
            }
        }
        return new InboundRecords(records, first, counts);
    }

    private static boolean caughtUp(KafkaConsumer<String, String> consumer, List<TopicPartition> partitions) {
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        return partitions.stream().allMatch(p -> consumer.position(p) >= ends.get(p));
    }
}
