package io.wxplatform.callback.durability;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxplatform.events.CloudEventHeaders;
import io.wxplatform.events.EventRecords;
import io.wxplatform.events.InboundEvent;
import io.wxplatform.wechat.protocol.InboundMessages;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class OutboxEntryTest {

    @Test
    void aRelayedRecordIsTheRecordThatWouldHaveBeenSent() {
        InboundEvent event = InboundEvent.of(
                "t1",
                "wx1",
                InboundMessages.fromFields(Map.of(
                        "ToUserName",
                        "gh_1",
                        "FromUserName",
                        "o1",
                        "CreateTime",
                        "1",
                        "MsgType",
                        "text",
                        "Content",
                        "hi",
                        "MsgId",
                        "7")),
                Instant.parse("2026-01-01T00:00:00Z"));
        ProducerRecord<String, byte[]> original = EventRecords.inbound(event);

        ProducerRecord<String, byte[]> relayed =
                OutboxEntry.of(event.eventId(), original, Instant.now()).toRecord();

        assertThat(relayed.topic()).isEqualTo(original.topic());
        assertThat(relayed.key()).isEqualTo(original.key());
        assertThat(relayed.value()).isEqualTo(original.value());
        assertThat(CloudEventHeaders.read(relayed.headers())).isEqualTo(CloudEventHeaders.read(original.headers()));
        assertThat(relayed.headers().toArray()).hasSameSizeAs(original.headers().toArray());
    }
}
