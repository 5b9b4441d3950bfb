package io.wxplatform.events;

import io.wxplatform.events.rules.ReplyRuleSet;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.OptionalLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** The one place Kafka records are built, so every producer writes the same topic, key, headers and body. */
public final class EventRecords {

    public static final String DLQ_ERROR_CLASS = "dlq_error_class";
    public static final String DLQ_ERROR_MESSAGE = "dlq_error_message";
    public static final String DLQ_ORIGINAL_TOPIC = "dlq_original_topic";
    public static final String DLQ_ORIGINAL_PARTITION = "dlq_original_partition";
    public static final String DLQ_ORIGINAL_OFFSET = "dlq_original_offset";

    private static final int MAX_ERROR_MESSAGE = 1000;
    private static final String REPLY_RULES_MARK = ":rules:";

    private EventRecords() {}

    public static ProducerRecord<String, byte[]> inbound(InboundEvent event) {
        return record(Topics.INBOUND, event.kafkaKey(), event.cloudEvent(), event);
    }

    public static ProducerRecord<String, byte[]> component(ComponentEvent event) {
        return record(Topics.COMPONENT, event.kafkaKey(), event.cloudEvent(), event);
    }

    public static ProducerRecord<String, byte[]> account(AccountEvent event) {
        return record(Topics.ACCOUNT, event.kafkaKey(), event.cloudEvent(), event);
    }

    public static ProducerRecord<String, byte[]> token(TokenRotated event, Instant rotatedAt) {
        return record(Topics.TOKEN, event.kafkaKey(), event.cloudEvent(rotatedAt), event);
    }

    /**
     * The whole rule set of an account for {@link Topics#REPLY_RULES}, or a tombstone (null body) when it has no rules
     * left, so compaction eventually forgets the account. The event id is {@link #replyRulesId}: a tombstone has no
     * body, so its version travels there ({@link #replyRulesVersion} reads it back).
     */
    public static ProducerRecord<String, byte[]> replyRules(String tenantId, ReplyRuleSet rules, Instant at) {
        boolean cleared = rules.rules().isEmpty();
        CloudEvent cloudEvent = new CloudEvent(
                replyRulesId(rules.appId(), rules.version()),
                "/tenants/" + tenantId + "/accounts/" + rules.appId() + "/rules",
                "io.wxplatform.wx.reply-rules." + (cleared ? "cleared" : "updated"),
                at,
                tenantId,
                rules.appId());
        Headers headers = new RecordHeaders();
        CloudEventHeaders.write(headers, cloudEvent);
        return new ProducerRecord<>(
                Topics.REPLY_RULES, null, rules.appId(), cleared ? null : EventJson.write(rules), headers);
    }

    /** The event id of an account's rule set at {@code version}: {@code <appId>:rules:<version>}. */
    public static String replyRulesId(String appId, long version) {
        return appId + REPLY_RULES_MARK + version;
    }

    /**
     * The version a {@link Topics#REPLY_RULES} record carries in its event id ({@link #replyRulesId}); empty when the
     * header is missing or not of that form.
     */
    public static OptionalLong replyRulesVersion(Headers headers) {
        String id = CloudEventHeaders.optional(headers, CloudEventHeaders.ID);
        int mark = id == null ? -1 : id.lastIndexOf(REPLY_RULES_MARK);
        if (mark < 0) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(id.substring(mark + REPLY_RULES_MARK.length())));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * A poison record for {@code <topic>.dlq}: the original key, body and headers, plus where it came from and why it
     * failed. Only the exception's class and (truncated) message are attached, never the stack trace.
     */
    public static ProducerRecord<String, byte[]> deadLetter(ConsumerRecord<String, byte[]> failed, Throwable error) {
        Headers headers = new RecordHeaders();
        for (Header header : failed.headers()) {
            headers.add(header);
        }
        put(headers, DLQ_ORIGINAL_TOPIC, failed.topic());
        put(headers, DLQ_ORIGINAL_PARTITION, String.valueOf(failed.partition()));
        put(headers, DLQ_ORIGINAL_OFFSET, String.valueOf(failed.offset()));
        put(headers, DLQ_ERROR_CLASS, error.getClass().getName());
        put(headers, DLQ_ERROR_MESSAGE, truncate(String.valueOf(error.getMessage())));
        return new ProducerRecord<>(Topics.dlq(failed.topic()), null, failed.key(), failed.value(), headers);
    }

    private static ProducerRecord<String, byte[]> record(String topic, String key, CloudEvent cloudEvent, Object body) {
        Headers headers = new RecordHeaders();
        CloudEventHeaders.write(headers, cloudEvent);
        return new ProducerRecord<>(topic, null, key, EventJson.write(body), headers);
    }

    private static void put(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static String truncate(String message) {
        return message.length() <= MAX_ERROR_MESSAGE ? message : message.substring(0, MAX_ERROR_MESSAGE);
    }
}
