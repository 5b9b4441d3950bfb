package io.wxplatform.callback.deadletter;

import io.wxplatform.events.CloudEventHeaders;
import io.wxplatform.events.EventRecords;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * A record parked on a dead-letter topic: where it is, where it came from and why it failed, and the original record
 * (key, headers byte for byte, body) that a re-publish sends again.
 */
record DeadLetter(
        String topic,
        int partition,
        long offset,
        Instant timestamp,
        String key,
        String originalTopic,
        Integer originalPartition,
        Long originalOffset,
        String errorClass,
        String errorMessage,
        Headers originalHeaders,
        byte[] body) {

    private static final String DLQ_PREFIX = "dlq_";

    static DeadLetter of(ConsumerRecord<String, byte[]> record) {
        Headers original = new RecordHeaders();
        Map<String, String> errors = new LinkedHashMap<>();
        for (Header header : record.headers()) {
            if (header.key().startsWith(DLQ_PREFIX)) {
                errors.put(header.key(), text(header.value()));
            } else {
                original.add(header);
            }
        }
        return new DeadLetter(
                record.topic(),
                record.partition(),
                record.offset(),
                Instant.ofEpochMilli(record.timestamp()),
                record.key(),
                errors.getOrDefault(EventRecords.DLQ_ORIGINAL_TOPIC, DeadLetterTopics.originalOf(record.topic())),
                number(errors.get(EventRecords.DLQ_ORIGINAL_PARTITION), Integer::valueOf),
                number(errors.get(EventRecords.DLQ_ORIGINAL_OFFSET), Long::valueOf),
                errors.get(EventRecords.DLQ_ERROR_CLASS),
                errors.get(EventRecords.DLQ_ERROR_MESSAGE),
                original,
                record.value());
    }

    /** The CloudEvents id ({@code ce_id}) consumers are idempotent on; null when the record has none. */
    String eventId() {
        Header id = originalHeaders.lastHeader(CloudEventHeaders.ID);
        return id == null ? null : text(id.value());
    }

    /** The original headers as text, for reading (CloudEvents headers are UTF-8 strings). */
    Map<String, String> headerTexts() {
        Map<String, String> texts = new LinkedHashMap<>();
        originalHeaders.forEach(header -> texts.put(header.key(), text(header.value())));
        return texts;
    }

    /** The original record again: its topic, key, body and headers, without the {@code dlq_*} ones. */
    ProducerRecord<String, byte[]> original() {
        return new ProducerRecord<>(originalTopic, null, key, body, new RecordHeaders(originalHeaders.toArray()));
    }

    private static String text(byte[] value) {
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }

    private static <T> T number(String value, Function<String, T> parse) {
        try {
            return value == null ? null : parse.apply(value);
        } catch (NumberFormatException unreadable) {
            return null;
        }
    }
}
