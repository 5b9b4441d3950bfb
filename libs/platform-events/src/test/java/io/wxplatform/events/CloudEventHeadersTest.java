package io.wxplatform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class CloudEventHeadersTest {

    private static final CloudEvent EVENT = new CloudEvent(
            "wx1:msg:42",
            "/wx/wx1",
            "io.wxplatform.wx.inbound.text",
            Instant.parse("2026-01-02T03:04:05.678Z"),
            "tenant-1",
            "wx1");

    @Test
    void attributesRoundTripThroughHeaders() {
        Headers headers = new RecordHeaders();

        CloudEventHeaders.write(headers, EVENT);

        assertThat(CloudEventHeaders.read(headers)).isEqualTo(EVENT);
    }

    @Test
    void headersAreTheCloudEventsBinaryModeNamesInUtf8() {
        Headers headers = new RecordHeaders();
        CloudEventHeaders.write(headers, EVENT);

        assertThat(text(headers, "ce_specversion")).isEqualTo("1.0");
        assertThat(text(headers, "ce_id")).isEqualTo("wx1:msg:42");
        assertThat(text(headers, "ce_source")).isEqualTo("/wx/wx1");
        assertThat(text(headers, "ce_type")).isEqualTo("io.wxplatform.wx.inbound.text");
        assertThat(text(headers, "ce_time")).isEqualTo("2026-01-02T03:04:05.678Z");
        assertThat(text(headers, "ce_tenantid")).isEqualTo("tenant-1");
        assertThat(text(headers, "ce_appid")).isEqualTo("wx1");
        assertThat(text(headers, "content-type")).isEqualTo("application/json");
    }

    @Test
    void absentExtensionsAreLeftOutAndReadAsNull() {
        Headers headers = new RecordHeaders();
        CloudEventHeaders.write(headers, new CloudEvent("id", "/src", "t", EVENT.time(), null, null));

        assertThat(headers.lastHeader("ce_tenantid")).isNull();
        assertThat(CloudEventHeaders.read(headers).tenantId()).isNull();
    }

    @Test
    void writingTwiceLeavesOneValuePerHeader() {
        Headers headers = new RecordHeaders();
        CloudEventHeaders.write(headers, EVENT);
        CloudEventHeaders.write(headers, EVENT);

        assertThat(headers.headers("ce_id")).hasSize(1);
    }

    @Test
    void aMissingRequiredHeaderIsNamedInTheError() {
        Headers headers = new RecordHeaders();
        CloudEventHeaders.write(headers, EVENT);
        headers.remove("ce_type");

        assertThatThrownBy(() -> CloudEventHeaders.read(headers))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("ce_type");
    }

    @Test
    void anotherSpecVersionIsRejected() {
        Headers headers = new RecordHeaders();
        CloudEventHeaders.write(headers, EVENT);
        headers.remove("ce_specversion");
        headers.add("ce_specversion", "0.3".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> CloudEventHeaders.read(headers))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("0.3");
    }

    private static String text(Headers headers, String name) {
        return new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
