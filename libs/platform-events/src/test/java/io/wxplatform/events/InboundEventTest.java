package io.wxplatform.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxplatform.wechat.protocol.SubscribeEvent;
import io.wxplatform.wechat.protocol.TextMessage;
import org.junit.jupiter.api.Test;

class InboundEventTest {

    @Test
    void aTextMessageIsIdentifiedByItsMsgIdAndKeyedByFollower() {
        InboundEvent event = Samples.inbound(Samples.TEXT_XML);

        assertThat(event.eventId()).isEqualTo(Samples.APP_ID + ":msg:24582946351324");
        assertThat(event.tenantId()).isEqualTo(Samples.TENANT_ID);
        assertThat(event.openId()).isEqualTo("o9AgO5Kd5ggOC-bXrbNODIiE3bGY");
        assertThat(event.toUserName()).isEqualTo("gh_97417a04a28d");
        assertThat(event.msgType()).isEqualTo("text");
        assertThat(event.event()).isNull();
        assertThat(event.eventKey()).isNull();
        assertThat(event.createTime()).isEqualTo(1714112445L);
        assertThat(event.kafkaKey()).isEqualTo(Samples.APP_ID + "|o9AgO5Kd5ggOC-bXrbNODIiE3bGY");
    }

    @Test
    void aTextMessageHasTheInboundTextCloudEventType() {
        CloudEvent ce = Samples.inbound(Samples.TEXT_XML).cloudEvent();

        assertThat(ce.type()).isEqualTo("io.wxplatform.wx.inbound.text");
        assertThat(ce.source()).isEqualTo("/wx/" + Samples.APP_ID);
        assertThat(ce.id()).isEqualTo(Samples.APP_ID + ":msg:24582946351324");
        assertThat(ce.time()).isEqualTo(Samples.RECEIVED_AT);
        assertThat(ce.tenantId()).isEqualTo(Samples.TENANT_ID);
        assertThat(ce.appId()).isEqualTo(Samples.APP_ID);
    }

    @Test
    void everyFieldIncludingUnknownOnesIsCarriedAndTheTypedMessageRebuilt() {
        InboundEvent event = Samples.inbound(Samples.TEXT_XML);

        assertThat(event.fields()).containsEntry("BizExtra", "kept").containsEntry("Content", "你好 world");
        assertThat(event.message())
                .isInstanceOfSatisfying(
                        TextMessage.class, text -> assertThat(text.content()).isEqualTo("你好 world"));
    }

    @Test
    void aQrSubscribeEventCarriesEventAndSceneKey() {
        InboundEvent event = Samples.inbound(Samples.QR_SUBSCRIBE_XML);

        assertThat(event.msgType()).isEqualTo("event");
        assertThat(event.event()).isEqualTo("subscribe");
        assertThat(event.eventKey()).isEqualTo("qrscene_123");
        assertThat(event.eventId())
                .isEqualTo(Samples.APP_ID + ":evt:o9AgO5Kd5ggOC-bXrbNODIiE3bGY:1714112500:subscribe:qrscene_123");
        assertThat(event.cloudEvent().type()).isEqualTo("io.wxplatform.wx.inbound.event.subscribe");
        assertThat(event.message())
                .isInstanceOfSatisfying(
                        SubscribeEvent.class,
                        subscribe -> assertThat(subscribe.scene()).contains("123"));
    }

    @Test
    void eventTypesAreLowerCasedInTheCloudEventType() {
        InboundEvent click = Samples.inbound(Samples.CLICK_XML);

        assertThat(click.event()).isEqualTo("CLICK");
        assertThat(click.cloudEvent().type()).isEqualTo("io.wxplatform.wx.inbound.event.click");
    }

    @Test
    void retriesOfTheSameCallbackGetTheSameId() {
        assertThat(Samples.inbound(Samples.CLICK_XML).eventId())
                .isEqualTo(Samples.inbound(Samples.CLICK_XML).eventId());
    }
}
