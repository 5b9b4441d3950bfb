package io.wxplatform.sandbox.follower;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxplatform.wechat.protocol.InboundMessages;
import io.wxplatform.wechat.protocol.LocationMessage;
import io.wxplatform.wechat.protocol.SubscribeEvent;
import io.wxplatform.wechat.protocol.TextMessage;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FollowerXmlTest {

    private static MessageRequest text(String content) {
        return new MessageRequest("text", content, null, null, null, null, null, null, null, null, null, null, null,
                null, null);
    }

    @Test
    void aTextMessageIsWeChatsXmlFieldForField() {
        String xml = FollowerXml.message("gh_abc", "oUser", 1348831860L, 1234567890123456L, text("this is a test"));

        assertThat(xml).isEqualTo("<xml><ToUserName><![CDATA[gh_abc]]></ToUserName>"
                + "<FromUserName><![CDATA[oUser]]></FromUserName><CreateTime>1348831860</CreateTime>"
                + "<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[this is a test]]></Content>"
                + "<MsgId>1234567890123456</MsgId></xml>");
    }

    @Test
    void contentThatLooksLikeMarkupSurvivesTheRoundTrip() {
        String content = "a ]]> b <xml>&amp;";

        TextMessage parsed = (TextMessage) InboundMessages.parse(
                FollowerXml.message("gh_abc", "oUser", 1L, 7L, text(content)));

        assertThat(parsed.content()).isEqualTo(content);
        assertThat(parsed.msgId()).isEqualTo("7");
        assertThat(parsed.header().fromUserName()).isEqualTo("oUser");
    }

    @Test
    void locationsAreWrittenWithBareNumbers() {
        MessageRequest location = new MessageRequest("location", null, null, null, null, null, null,
                new BigDecimal("23.134521"), new BigDecimal("113.358803"), new BigDecimal("20"), "Somewhere", null,
                null, null, null);

        String xml = FollowerXml.message("gh_abc", "oUser", 1L, 8L, location);

        assertThat(xml).contains("<Location_X>23.134521</Location_X>", "<Scale>20</Scale>");
        LocationMessage parsed = (LocationMessage) InboundMessages.parse(xml);
        assertThat(parsed.y()).isEqualTo(113.358803);
        assertThat(parsed.label()).isEqualTo("Somewhere");
    }

    @Test
    void eventsAreSpelledAsWeChatSpellsThemAndKeepExtraFields() {
        assertThat(FollowerXml.event("scan")).isEqualTo("SCAN");
        assertThat(FollowerXml.event("click")).isEqualTo("CLICK");
        assertThat(FollowerXml.event("some_new_event")).isEqualTo("some_new_event");

        EventRequest subscribe = new EventRequest("subscribe", "qrscene_42", "T", null, null, null,
                Map.of("Extra", "kept"));
        String xml = FollowerXml.event("gh_abc", "oUser", 5L, "subscribe", subscribe);

        assertThat(xml).contains("<Extra><![CDATA[kept]]></Extra>").doesNotContain("MsgId");
        SubscribeEvent parsed = (SubscribeEvent) InboundMessages.parse(xml);
        assertThat(parsed.eventKey()).isEqualTo("qrscene_42");
        assertThat(parsed.ticket()).isEqualTo("T");
    }
}
