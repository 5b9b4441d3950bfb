package io.wxplatform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class EventJsonTest {

    private static final Instant AT = Instant.parse("2026-03-01T10:00:00.123Z");

    @Test
    void inboundEventsRoundTrip() {
        InboundEvent event = Samples.inbound(Samples.QR_SUBSCRIBE_XML);

        assertThat(roundTrip(event, InboundEvent.class)).isEqualTo(event);
    }

    @Test
    void inboundEventJsonHasExactlyTheContractFieldsWithIsoInstants() {
        JsonNode json = EventJson.mapper().readTree(EventJson.write(Samples.inbound(Samples.TEXT_XML)));

        assertThat(json.propertyNames())
                .containsExactly(
                        "eventId",
                        "tenantId",
                        "appId",
                        "openId",
                        "toUserName",
                        "msgType",
                        "event",
                        "eventKey",
                        "createTime",
                        "receivedAt",
                        "fields",
                        "message");
        assertThat(json.get("receivedAt").asString()).isEqualTo("2026-03-01T10:00:00.123Z");
        assertThat(json.get("fields").get("Content").asString()).isEqualTo("你好 world");
    }

    @Test
    void fieldOrderSurvivesTheRoundTrip() {
        InboundEvent event = Samples.inbound(Samples.TEXT_XML);

        assertThat(roundTrip(event, InboundEvent.class).fields().keySet())
                .containsExactlyElementsOf(event.fields().keySet());
    }

    @Test
    void componentEventsRoundTrip() {
        ComponentEvent event = Samples.component(Samples.AUTHORIZED_XML);

        assertThat(roundTrip(event, ComponentEvent.class)).isEqualTo(event);
    }

    @Test
    void accountEventsRoundTrip() {
        AccountEvent event = new AccountEvent(AccountEvent.REGISTERED, "acme", "wx1", "DIRECT", "ACTIVE", AT);

        assertThat(roundTrip(event, AccountEvent.class)).isEqualTo(event);
    }

    @Test
    void aComponentAccountsNoticeCarriesTheGrantedPermissionSets() {
        AccountEvent event = new AccountEvent(
                AccountEvent.UPDATED, "acme", "wx1", "COMPONENT", "ACTIVE", AT, "SERVICE", true, List.of(1, 7, 15));

        assertThat(roundTrip(event, AccountEvent.class)).isEqualTo(event);
    }

    /** Notices written before accountType, verified and permissions existed still parse, the fields null. */
    @Test
    void anAccountNoticeOlderThanTheFactsFieldsStillParses() {
        byte[] body = """
                {"type":"REGISTERED","tenantId":"acme","appId":"wx1","mode":"COMPONENT","status":"ACTIVE",
                 "at":"2026-03-01T10:00:00Z"}""".getBytes(StandardCharsets.UTF_8);

        AccountEvent event = EventJson.read(body, AccountEvent.class);

        assertThat(event.appId()).isEqualTo("wx1");
        assertThat(event.accountType()).isNull();
        assertThat(event.verified()).isNull();
        assertThat(event.permissions()).isNull();
    }

    @Test
    void tokenRotationsRoundTripWithoutAnyValue() {
        TokenRotated event = new TokenRotated("wx1", TokenRotated.ACCESS_TOKEN, 7, AT);

        assertThat(roundTrip(event, TokenRotated.class)).isEqualTo(event);
        assertThat(EventJson.mapper().readTree(EventJson.write(event)).propertyNames())
                .containsExactly("appId", "credential", "version", "expiresAt");
    }

    @Test
    void fieldsAddedByNewerProducersAreIgnored() {
        byte[] body = """
                {"appId":"wx1","credential":"ACCESS_TOKEN","version":3,"expiresAt":"2026-03-01T10:00:00Z",
                 "addedLater":true}""".getBytes(StandardCharsets.UTF_8);

        assertThat(EventJson.read(body, TokenRotated.class).version()).isEqualTo(3);
    }

    @Test
    void anUnreadableBodyFailsWithAnInvalidEventError() {
        byte[] body = "not json".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> EventJson.read(body, InboundEvent.class))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("InboundEvent");
    }

    private static <T> T roundTrip(T event, Class<T> type) {
        return EventJson.read(EventJson.write(event), type);
    }
}
