package io.wxplatform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wxplatform.wechat.protocol.LocationEvent;
import io.wxplatform.wechat.protocol.PicturesMenuEvent;
import io.wxplatform.wechat.protocol.SubscribeMsgPopupEvent;
import io.wxplatform.wechat.protocol.SubscriptionChoice;
import io.wxplatform.wechat.protocol.TextMessage;
import io.wxplatform.wechat.protocol.UnknownEvent;
import io.wxplatform.wechat.protocol.UnknownMessage;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The typed message in {@code wx.inbound.v1}: written once as parsed, read as written, older bodies still read. */
class InboundEventJsonTest {

    private static final String LOCATION_XML = """
            <xml><ToUserName><![CDATA[gh_97417a04a28d]]></ToUserName>
            <FromUserName><![CDATA[o9AgO5Kd5ggOC-bXrbNODIiE3bGY]]></FromUserName>
            <CreateTime>1714112700</CreateTime><MsgType><![CDATA[event]]></MsgType>
            <Event><![CDATA[LOCATION]]></Event><Latitude>23.137466</Latitude><Longitude>113.352425</Longitude>
            <Precision>119.385040</Precision></xml>""";

    private static final String UNKNOWN_EVENT_XML = """
            <xml><ToUserName><![CDATA[gh_97417a04a28d]]></ToUserName>
            <FromUserName><![CDATA[o9AgO5Kd5ggOC-bXrbNODIiE3bGY]]></FromUserName>
            <CreateTime>1714112800</CreateTime><MsgType><![CDATA[event]]></MsgType>
            <Event><![CDATA[future_event]]></Event><Detail><Depth>3</Depth></Detail></xml>""";

    /** A body as written before {@code message} was added to v1 (e.g. still waiting in an outbox). */
    private static final String BODY_WITHOUT_MESSAGE = """
            {"eventId":"wx1:msg:42","tenantId":"acme","appId":"wx1","openId":"o1","toUserName":"gh_1",
             "msgType":"text","event":null,"eventKey":null,"createTime":1714112445,
             "receivedAt":"2026-03-01T10:00:00.123Z",
             "fields":{"ToUserName":"gh_1","FromUserName":"o1","CreateTime":"1714112445","MsgType":"text",
                       "Content":"hello","MsgId":"42","BizExtra":"kept"}}""";

    @Test
    void theTypedMessageIsWrittenWithItsRecordAndTypedValues() {
        JsonNode message = json(Samples.inbound(LOCATION_XML)).get("message");

        assertThat(message.get("type").asString()).isEqualTo("LocationEvent");
        assertThat(message.get("latitude").isNumber()).isTrue();
        assertThat(message.get("latitude").asDouble()).isEqualTo(23.137466);
        assertThat(message.propertyNames()).containsExactly("type", "latitude", "longitude", "precision");
    }

    @Test
    void theMessageIsReadAsWrittenNotRebuiltFromTheFields() {
        byte[] body = withMessage("""
                {"type":"TextMessage","content":"as parsed","msgId":"42"}""");

        InboundEvent event = EventJson.read(body, InboundEvent.class);

        assertThat(event.message())
                .isInstanceOfSatisfying(
                        TextMessage.class, text -> assertThat(text.content()).isEqualTo("as parsed"));
        assertThat(event.fields()).containsEntry("Content", "hello").containsEntry("BizExtra", "kept");
    }

    @Test
    void typedValuesRoundTripExactly() {
        InboundEvent location = Samples.inbound(LOCATION_XML);

        InboundEvent read = EventJson.read(EventJson.write(location), InboundEvent.class);

        assertThat(read).isEqualTo(location);
        assertThat(read.message())
                .isInstanceOfSatisfying(
                        LocationEvent.class,
                        event -> assertThat(event.precision()).isEqualTo(119.38504));
    }

    @Test
    void menuEventsWithNestedFieldsRoundTripExactly() {
        InboundEvent pictures = Samples.inbound("""
                <xml><ToUserName><![CDATA[gh_97417a04a28d]]></ToUserName>
                <FromUserName><![CDATA[o9AgO5Kd5ggOC-bXrbNODIiE3bGY]]></FromUserName>
                <CreateTime>1714112900</CreateTime><MsgType><![CDATA[event]]></MsgType>
                <Event><![CDATA[pic_weixin]]></Event><EventKey><![CDATA[rselfmenu_1_2]]></EventKey>
                <SendPicsInfo><Count>1</Count><PicList><item><PicMd5Sum><![CDATA[5a75aaca956d97be686719218f275c6b]]>
                </PicMd5Sum></item></PicList></SendPicsInfo></xml>""");

        InboundEvent read = EventJson.read(EventJson.write(pictures), InboundEvent.class);

        assertThat(read).isEqualTo(pictures);
        assertThat(read.message())
                .isInstanceOfSatisfying(
                        PicturesMenuEvent.class,
                        event -> assertThat(event.count()).isEqualTo(1));
    }

    @Test
    void listsOfRecordsRoundTripAsThoseRecords() {
        InboundEvent popup = Samples.inbound("""
                <xml><ToUserName><![CDATA[gh_97417a04a28d]]></ToUserName>
                <FromUserName><![CDATA[o9AgO5Kd5ggOC-bXrbNODIiE3bGY]]></FromUserName>
                <CreateTime>1714113000</CreateTime><MsgType><![CDATA[event]]></MsgType>
                <Event><![CDATA[subscribe_msg_popup_event]]></Event><SubscribeMsgPopupEvent>
                <List><TemplateId><![CDATA[tpl-1]]></TemplateId><SubscribeStatusString><![CDATA[accept]]>
                </SubscribeStatusString><PopupScene>2</PopupScene></List></SubscribeMsgPopupEvent></xml>""");

        InboundEvent read = EventJson.read(EventJson.write(popup), InboundEvent.class);

        assertThat(read).isEqualTo(popup);
        assertThat(read.message())
                .isInstanceOfSatisfying(
                        SubscribeMsgPopupEvent.class,
                        event -> assertThat(event.choices().get(0)).isInstanceOf(SubscriptionChoice.class));
    }

    @Test
    void unknownTypesAndFieldsSurviveIntact() {
        InboundEvent unknown = Samples.inbound(UNKNOWN_EVENT_XML);

        InboundEvent read = EventJson.read(EventJson.write(unknown), InboundEvent.class);

        assertThat(read.message()).isInstanceOf(UnknownEvent.class);
        assertThat(read.event()).isEqualTo("future_event");
        assertThat(read.fields()).containsEntry("Detail.Depth", "3");
        assertThat(read).isEqualTo(unknown);
    }

    @Test
    void aMessageWhoseTypedFieldsWereUnreadableStaysTheUnknownOneCallbackServiceMadeOfIt() {
        InboundEvent degraded = Samples.inbound(LOCATION_XML.replace("23.137466", "north"));
        assertThat(degraded.message()).isInstanceOf(UnknownEvent.class);

        InboundEvent read = EventJson.read(EventJson.write(degraded), InboundEvent.class);

        assertThat(json(degraded).get("message").get("type").asString()).isEqualTo("UnknownEvent");
        assertThat(read.message()).isInstanceOf(UnknownEvent.class);
        assertThat(read.fields()).containsEntry("Latitude", "north");
    }

    @Test
    void aBodyWithoutTheMessageIsRebuiltFromItsFields() {
        InboundEvent event = EventJson.read(BODY_WITHOUT_MESSAGE.getBytes(StandardCharsets.UTF_8), InboundEvent.class);

        assertThat(event.eventId()).isEqualTo("wx1:msg:42");
        assertThat(event.openId()).isEqualTo("o1");
        assertThat(event.message())
                .isInstanceOfSatisfying(
                        TextMessage.class, text -> assertThat(text.content()).isEqualTo("hello"));
        assertThat(event.fields()).containsEntry("BizExtra", "kept");
    }

    @Test
    void aMessageOfARecordThisReaderDoesNotKnowIsRebuiltFromTheFields() {
        byte[] body = withMessage("""
                {"type":"HologramMessage","depth":3}""");

        InboundEvent event = EventJson.read(body, InboundEvent.class);

        assertThat(event.message())
                .isInstanceOfSatisfying(
                        TextMessage.class, text -> assertThat(text.content()).isEqualTo("hello"));
    }

    @Test
    void aMessageMissingATypedValueIsRebuiltFromTheFields() {
        byte[] body = withMessage("""
                {"type":"TextMessage","content":"partial"}""");

        assertThat(EventJson.read(body, InboundEvent.class).message())
                .isInstanceOfSatisfying(
                        TextMessage.class, text -> assertThat(text.content()).isEqualTo("hello"));
    }

    @Test
    void aBodyWithNeitherAMessageNorReadableFieldsIsInvalid() {
        byte[] body = """
                {"eventId":"wx1:msg:1","appId":"wx1","receivedAt":"2026-03-01T10:00:00Z","fields":{"Content":"x"}}""".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> EventJson.read(body, InboundEvent.class))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("InboundEvent");
    }

    @Test
    void anUnknownMessageTypeWritesOnlyItsRecord() {
        InboundEvent future = Samples.inbound(Samples.TEXT_XML.replace("[text]", "[hologram]"));
        assertThat(future.message()).isInstanceOf(UnknownMessage.class);

        assertThat(json(future).get("message").propertyNames()).containsExactly("type");
        assertThat(EventJson.read(EventJson.write(future), InboundEvent.class)).isEqualTo(future);
    }

    /** {@link #BODY_WITHOUT_MESSAGE} with {@code message} added. */
    private static byte[] withMessage(String message) {
        String body = BODY_WITHOUT_MESSAGE.substring(0, BODY_WITHOUT_MESSAGE.lastIndexOf('}'));
        return (body + ",\"message\":" + message + "}").getBytes(StandardCharsets.UTF_8);
    }

    private static JsonNode json(InboundEvent event) {
        return EventJson.mapper().readTree(EventJson.write(event));
    }
}
