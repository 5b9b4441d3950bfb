package io.wxplatform.callback.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;

import io.wxplatform.events.CloudEventHeaders;
import io.wxplatform.events.EventRecords;
import io.wxplatform.events.InboundEvent;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class OutboxEntryTest {

    @Test
    void aRelayedRecordIsTheRecordThatWouldHaveBeenSent() {
        InboundEvent event = new InboundEvent("wx1:msg:7", "t1", "wx1", "o1", "gh_1", "text", null, null, 1L,
                Instant.parse("2026-01-01T00:00:00Z"), Map.of("Content", "hi"));
        ProducerRecord<String, byte[]> original = EventRecords.inbound(event);

        ProducerRecord<String, byte[]> relayed = OutboxEntry.of(event.eventId(), original, Instant.now()).toRecord();

        assertThat(relayed.topic()).isEqualTo(original.topic());
        assertThat(relayed.key()).isEqualTo(original.key());
        assertThat(relayed.value()).isEqualTo(original.value());
        assertThat(CloudEventHeaders.read(relayed.headers())).isEqualTo(CloudEventHeaders.read(original.headers()));
        assertThat(relayed.headers().toArray()).hasSameSizeAs(original.headers().toArray());
    }
}
