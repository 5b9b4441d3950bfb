package io.wxplatform.sandbox.follower;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wxplatform.sandbox.web.SandboxProblem;
import io.wxplatform.wechat.protocol.InboundMessages;
import io.wxplatform.wechat.protocol.LocationMessage;
import io.wxplatform.wechat.protocol.MassSendJobFinishEvent;
import io.wxplatform.wechat.protocol.SubscribeEvent;
import io.wxplatform.wechat.protocol.TextMessage;
import io.wxplatform.wechat.protocol.xml.SafeXml;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class FollowerXmlTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String HEAD = "<xml><ToUserName><![CDATA[gh_abc]]></ToUserName>"
            + "<FromUserName><![CDATA[oUser]]></FromUserName><CreateTime>1408090502</CreateTime>";

    private static MessageRequest message(Map<String, Object> body) {
        return JSON.convertValue(body, MessageRequest.class);
    }

    private static String event(Map<String, Object> body) {
        EventRequest request = JSON.convertValue(body, EventRequest.class);
        return FollowerXml.event("gh_abc", "oUser", 1408090502L, FollowerXml.event(request.event()), request);
    }

    @Test
    void aTextMessageIsWeChatsXmlFieldForField() {
        String xml = FollowerXml.message(
                "gh_abc",
                "oUser",
                1348831860L,
                1234567890123456L,
                message(Map.of("msgType", "text", "content", "this is a test")));

        assertThat(xml)
                .isEqualTo("<xml><ToUserName><![CDATA[gh_abc]]></ToUserName>"
                        + "<FromUserName><![CDATA[oUser]]></FromUserName><CreateTime>1348831860</CreateTime>"
                        + "<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[this is a test]]></Content>"
                        + "<MsgId>1234567890123456</MsgId></xml>");
    }

    @Test
    void aMessageFromAnArticleCarriesTheArticleIdsAfterMsgId() {
        String xml = FollowerXml.message(
                "gh_abc",
                "oUser",
                1L,
                7L,
                message(Map.of("msgType", "text", "content", "hi", "msgDataId", 2247483651L, "idx", 1)));

        assertThat(xml).endsWith("<MsgId>7</MsgId><MsgDataId>2247483651</MsgDataId><Idx>1</Idx></xml>");
    }

    @Test
    void contentThatLooksLikeMarkupSurvivesTheRoundTrip() {
        String content = "a ]]> b <xml>&amp;";

        TextMessage parsed = (TextMessage) InboundMessages.parse(
                FollowerXml.message("gh_abc", "oUser", 1L, 7L, message(Map.of("msgType", "text", "content", content))));

        assertThat(parsed.content()).isEqualTo(content);
        assertThat(parsed.msgId()).isEqualTo("7");
        assertThat(parsed.header().fromUserName()).isEqualTo("oUser");
    }

    @Test
    void locationsAreWrittenWithBareNumbers() {
        String xml = FollowerXml.message(
                "gh_abc",
                "oUser",
                1L,
                8L,
                message(Map.of(
                        "msgType",
                        "location",
                        "locationX",
                        23.134521,
                        "locationY",
                        113.358803,
                        "scale",
                        20,
                        "label",
                        "Somewhere")));

        assertThat(xml).contains("<Location_X>23.134521</Location_X>", "<Scale>20</Scale>");
        LocationMessage parsed = (LocationMessage) InboundMessages.parse(xml);
        assertThat(parsed.y()).isEqualTo(113.358803);
        assertThat(parsed.label()).isEqualTo("Somewhere");
    }

    @Test
    void aScanningMenuButtonNestsScanCodeInfo() {
        assertThat(event(Map.of("event", "scancode_push", "eventKey", "6", "scanCodeInfo", Map.of("scanResult", "1"))))
                .isEqualTo(HEAD + "<MsgType><![CDATA[event]]></MsgType><Event><![CDATA[scancode_push]]></Event>"
                        + "<EventKey><![CDATA[6]]></EventKey><ScanCodeInfo><ScanType><![CDATA[qrcode]]></ScanType>"
                        + "<ScanResult><![CDATA[1]]></ScanResult></ScanCodeInfo></xml>");
    }

    @Test
    void aPictureMenuButtonListsEachPictureAsAnItem() {
        String xml = event(Map.of(
                "event",
                "pic_photo_or_album",
                "eventKey",
                "6",
                "sendPicsInfo",
                Map.of(
                        "picList",
                        List.of(
                                Map.of("picMd5Sum", "1b5f7c23b5bf75682a53e7b6d163e185"),
                                Map.of("picMd5Sum", "a7a1b2c3")))));

        assertThat(xml)
                .endsWith("<EventKey><![CDATA[6]]></EventKey><SendPicsInfo><Count>2</Count><PicList>"
                        + "<item><PicMd5Sum><![CDATA[1b5f7c23b5bf75682a53e7b6d163e185]]></PicMd5Sum></item>"
                        + "<item><PicMd5Sum><![CDATA[a7a1b2c3]]></PicMd5Sum></item></PicList></SendPicsInfo></xml>");
        assertThat(SafeXml.parseFields(xml))
                .containsEntry("SendPicsInfo.Count", "2")
                .containsEntry("SendPicsInfo.PicList.item[1].PicMd5Sum", "a7a1b2c3");
    }

    @Test
    void aLocationPickWritesItsNumbersAsTextAndKeepsAnEmptyPoiname() {
        String xml = event(Map.of(
                "event",
                "location_select",
                "eventKey",
                "6",
                "sendLocationInfo",
                Map.of("locationX", 23, "locationY", 113, "scale", 15, "label", "广州市海珠区客村艺苑路 106号", "poiname", "")));

        assertThat(xml)
                .endsWith("<SendLocationInfo><Location_X><![CDATA[23]]></Location_X>"
                        + "<Location_Y><![CDATA[113]]></Location_Y><Scale><![CDATA[15]]></Scale>"
                        + "<Label><![CDATA[广州市海珠区客村艺苑路 106号]]></Label><Poiname><![CDATA[]]></Poiname>"
                        + "</SendLocationInfo></xml>");
    }

    @Test
    void aMassSendReportHasWeChatsFieldOrderAndDefaults() {
        String xml = event(Map.of(
                "event",
                "masssendjobfinish",
                "msgId",
                1000001625L,
                "status",
                "err(30003)",
                "totalCount",
                0,
                "filterCount",
                0,
                "sentCount",
                0));

        assertThat(xml)
                .endsWith("<Event><![CDATA[MASSSENDJOBFINISH]]></Event><MsgID>1000001625</MsgID>"
                        + "<Status><![CDATA[err(30003)]]></Status><TotalCount>0</TotalCount><FilterCount>0</FilterCount>"
                        + "<SentCount>0</SentCount><ErrorCount>0</ErrorCount></xml>");
        MassSendJobFinishEvent parsed = (MassSendJobFinishEvent)
                InboundMessages.parse(event(Map.of("event", "MASSSENDJOBFINISH", "msgId", 42L)));
        assertThat(parsed.status()).isEqualTo("send success");
        assertThat(parsed.sentCount()).isEqualTo(1);
    }

    @Test
    void anEventMissingWhatDefinesItIsRefused() {
        assertThatThrownBy(() -> event(Map.of("event", "CLICK")))
                .isInstanceOf(SandboxProblem.class)
                .hasMessage("eventKey is required for CLICK");
        assertThatThrownBy(() -> event(Map.of(
                        "event", "scancode_waitmsg", "eventKey", "k", "scanCodeInfo", Map.of("scanType", "barcode"))))
                .hasMessage("scanCodeInfo.scanResult is required for scancode_waitmsg");
        assertThatThrownBy(() -> event(Map.of("event", "pic_weixin", "eventKey", "k")))
                .hasMessage("sendPicsInfo is required for pic_weixin");
        assertThatThrownBy(() -> event(Map.of("event", "LOCATION", "latitude", 1, "longitude", 2)))
                .hasMessage("precision is required for LOCATION");
        assertThatThrownBy(() -> event(Map.of("event", "TEMPLATESENDJOBFINISH")))
                .hasMessage("msgId is required for TEMPLATESENDJOBFINISH");
    }

    @Test
    void eventsAreSpelledAsWeChatSpellsThemAndKeepExtraFields() {
        assertThat(FollowerXml.event("scan")).isEqualTo("SCAN");
        assertThat(FollowerXml.event("click")).isEqualTo("CLICK");
        assertThat(FollowerXml.event("SCANCODE_PUSH")).isEqualTo("scancode_push");
        assertThat(FollowerXml.event("some_new_event")).isEqualTo("some_new_event");

        String xml = event(Map.of(
                "event", "subscribe", "eventKey", "qrscene_42", "ticket", "T", "fields", Map.of("Extra", "kept")));

        assertThat(xml).contains("<Extra><![CDATA[kept]]></Extra>").doesNotContain("MsgId");
        SubscribeEvent parsed = (SubscribeEvent) InboundMessages.parse(xml);
        assertThat(parsed.eventKey()).isEqualTo("qrscene_42");
        assertThat(parsed.ticket()).isEqualTo("T");
        assertThat(parsed.scene()).contains("42");
    }
}
