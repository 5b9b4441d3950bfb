package io.wxplatform.callback.support;

import io.wxplatform.events.CloudEvent;
import io.wxplatform.events.CloudEventHeaders;
import io.wxplatform.events.EventRecords;
import io.wxplatform.events.KafkaDefaults;
import io.wxplatform.events.Topics;
import io.wxplatform.testkit.TestInfrastructure;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;

/** Parks a record on the real wx.inbound.v1.dlq as a consumer does that cannot handle it (platform-support). */
public final class DeadLetterParking {

    /** Where the failed record was on wx.inbound.v1, as its dead letter says. */
    public static final int ORIGINAL_PARTITION = 2;

    public static final long ORIGINAL_OFFSET = 41;
    public static final String ERROR = "no handler for this message";

    private DeadLetterParking() {}

    /** Where the dead letter landed on wx.inbound.v1.dlq. */
    public static RecordMetadata park(String eventId, String key, byte[] body) {
        RecordHeaders headers = new RecordHeaders();
        CloudEventHeaders.write(
                headers,
                new CloudEvent(
                        eventId,
                        "/wx/wxdlq",
                        "io.wxplatform.wx.inbound.text",
                        Instant.now().truncatedTo(ChronoUnit.MILLIS),
                        "t-dlq",
                        "wxdlq"));
        ConsumerRecord<String, byte[]> failed = new ConsumerRecord<>(
                Topics.INBOUND,
                ORIGINAL_PARTITION,
                ORIGINAL_OFFSET,
                0L,
                TimestampType.CREATE_TIME,
                0,
                body.length,
                key,
                body,
                headers,
                Optional.empty());
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(KafkaDefaults.producer(TestInfrastructure.kafkaBootstrapServers()))) {
            return producer.send(EventRecords.deadLetter(failed, new IllegalStateException(ERROR)))
                    .get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
