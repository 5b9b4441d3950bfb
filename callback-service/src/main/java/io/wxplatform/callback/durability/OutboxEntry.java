package io.wxplatform.callback.durability;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * A Kafka record waiting in the outbox: exactly what would have been sent, so relaying it later changes nothing for
 * consumers (same topic, key, CloudEvents headers and body).
 *
 * @param eventId  the deterministic event id, the document's {@code _id}: a WeChat retry cannot store it twice
 * @param key      the record key ({@code appId|openId}), relayed oldest first per key
 * @param attempts how often a relay has claimed it
 */
public record OutboxEntry(
        String eventId,
        String topic,
        String key,
        Map<String, String> headers,
        byte[] body,
        Instant createdAt,
        int attempts) {

    public OutboxEntry {
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    public static OutboxEntry of(String eventId, ProducerRecord<String, byte[]> record, Instant createdAt) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
        }
        return new OutboxEntry(eventId, record.topic(), record.key(), headers, record.value(), createdAt, 0);
    }

    public ProducerRecord<String, byte[]> toRecord() {
        Headers recordHeaders = new RecordHeaders();
        headers.forEach((name, value) -> recordHeaders.add(name, value.getBytes(StandardCharsets.UTF_8)));
        return new ProducerRecord<>(topic, null, key, body, recordHeaders);
    }

    @Override
    public String toString() {
        return "OutboxEntry[eventId=" + eventId + ", topic=" + topic + ", key=" + key + ", createdAt=" + createdAt
                + ", attempts=" + attempts + "]";
    }
}
