package io.wxplatform.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class EventRecordsTest {

    private static final Instant AT = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void inboundRecordsGoToTheInboundTopicKeyedByFollowerWithHeadersAndBody() {
        InboundEvent event = Samples.inbound(Samples.TEXT_XML);

        ProducerRecord<String, byte[]> record = EventRecords.inbound(event);

        assertThat(record.topic()).isEqualTo("wx.inbound.v1");
        assertThat(record.key()).isEqualTo(event.kafkaKey());
        assertThat(CloudEventHeaders.read(record.headers())).isEqualTo(event.cloudEvent());
        assertThat(EventJson.read(record.value(), InboundEvent.class)).isEqualTo(event);
    }

    @Test
    void componentRecordsAreKeyedByComponentAppId() {
        ProducerRecord<String, byte[]> record = EventRecords.component(Samples.component(Samples.VERIFY_TICKET_XML));

        assertThat(record.topic()).isEqualTo("wx.component.v1");
        assertThat(record.key()).isEqualTo("wxcomponent01");
        assertThat(CloudEventHeaders.read(record.headers()).type())
                .isEqualTo("io.wxplatform.wx.component.component_verify_ticket");
    }

    @Test
    void accountRecordsAreKeyedByAppId() {
        AccountEvent event = new AccountEvent(AccountEvent.SUSPENDED, "acme", "wx1", "DIRECT", "SUSPENDED", AT);

        ProducerRecord<String, byte[]> record = EventRecords.account(event);

        assertThat(record.topic()).isEqualTo("wx.account.v1");
        assertThat(record.key()).isEqualTo("wx1");
        CloudEvent ce = CloudEventHeaders.read(record.headers());
        assertThat(ce.type()).isEqualTo("io.wxplatform.wx.account.suspended");
        assertThat(ce.tenantId()).isEqualTo("acme");
        assertThat(ce.id()).isEqualTo(event.eventId());
    }

    @Test
    void tokenRecordsHaveOneIdPerCredentialVersion() {
        TokenRotated event = new TokenRotated("wx1", TokenRotated.JSAPI_TICKET, 12, AT.plusSeconds(7200));

        ProducerRecord<String, byte[]> record = EventRecords.token(event, AT);

        assertThat(record.topic()).isEqualTo("wx.token.v1");
        assertThat(record.key()).isEqualTo("wx1");
        CloudEvent ce = CloudEventHeaders.read(record.headers());
        assertThat(ce.id()).isEqualTo("wx1:token:JSAPI_TICKET:12");
        assertThat(ce.type()).isEqualTo("io.wxplatform.wx.token.rotated");
        assertThat(ce.time()).isEqualTo(AT);
    }

    @Test
    void deadLettersKeepTheRecordAndSayWhereItCameFromAndWhyItFailed() {
        ProducerRecord<String, byte[]> original = EventRecords.inbound(Samples.inbound(Samples.TEXT_XML));
        ConsumerRecord<String, byte[]> consumed =
                new ConsumerRecord<>(original.topic(), 2, 41L, original.key(), original.value());
        original.headers().forEach(consumed.headers()::add);

        ProducerRecord<String, byte[]> dead =
                EventRecords.deadLetter(consumed, new InvalidEventException("broken body"));

        assertThat(dead.topic()).isEqualTo("wx.inbound.v1.dlq");
        assertThat(dead.key()).isEqualTo(original.key());
        assertThat(dead.value()).isEqualTo(original.value());
        assertThat(CloudEventHeaders.read(dead.headers())).isEqualTo(CloudEventHeaders.read(original.headers()));
        assertThat(header(dead, EventRecords.DLQ_ORIGINAL_OFFSET)).isEqualTo("41");
        assertThat(header(dead, EventRecords.DLQ_ORIGINAL_PARTITION)).isEqualTo("2");
        assertThat(header(dead, EventRecords.DLQ_ERROR_CLASS)).isEqualTo(InvalidEventException.class.getName());
        assertThat(header(dead, EventRecords.DLQ_ERROR_MESSAGE)).isEqualTo("broken body");
    }

    private static String header(ProducerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
