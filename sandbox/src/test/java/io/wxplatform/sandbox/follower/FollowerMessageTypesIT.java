package io.wxplatform.sandbox.follower;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxplatform.sandbox.SandboxITSupport;
import io.wxplatform.wechat.protocol.ClickEvent;
import io.wxplatform.wechat.protocol.ImageMessage;
import io.wxplatform.wechat.protocol.InboundMessage;
import io.wxplatform.wechat.protocol.InboundMessages;
import io.wxplatform.wechat.protocol.LinkMessage;
import io.wxplatform.wechat.protocol.LocationEvent;
import io.wxplatform.wechat.protocol.LocationMessage;
import io.wxplatform.wechat.protocol.MassSendJobFinishEvent;
import io.wxplatform.wechat.protocol.ScanEvent;
import io.wxplatform.wechat.protocol.SubscribeEvent;
import io.wxplatform.wechat.protocol.TemplateSendJobFinishEvent;
import io.wxplatform.wechat.protocol.TextMessage;
import io.wxplatform.wechat.protocol.UnsubscribeEvent;
import io.wxplatform.wechat.protocol.VideoMessage;
import io.wxplatform.wechat.protocol.ViewEvent;
import io.wxplatform.wechat.protocol.VoiceMessage;
import io.wxplatform.wechat.protocol.WxEvent;
import io.wxplatform.wechat.protocol.callback.CallbackVerifier;
import io.wxplatform.wechat.protocol.callback.EncryptionMode;
import io.wxplatform.wechat.protocol.callback.OpenedCallback;
import io.wxplatform.wechat.protocol.crypto.EncodingAesKey;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every message and event type of wechat-protocol.md §2 (and the menu events), in every mode, reaches a platform
 * that opens it with the platform's own verifier and parser into the right record with the right fields.
 */
class FollowerMessageTypesIT extends SandboxITSupport {

    private static final String ALICE = "oAlice000000000000000000000";

    /** One follower action and what the platform must read from it. */
    record Case(String name, String endpoint, Map<String, Object> body, Consumer<InboundMessage> check) {

        @Override
        public String toString() {
            return name;
        }
    }

    private FakePlatform platform;

    @BeforeEach
    void startPlatform() {
        platform = new FakePlatform();
    }

    @AfterEach
    void stopPlatform() {
        platform.close();
    }

    static Stream<Arguments> everyTypeInEveryMode() {
        return cases().stream().flatMap(c -> Stream.of(EncryptionMode.values()).map(mode -> Arguments.of(c, mode)));
    }

    @ParameterizedTest(name = "{0} in {1} mode")
    @MethodSource("everyTypeInEveryMode")
    void theFollowersCallbackOpensIntoTheRightTypedMessage(Case c, EncryptionMode mode) {
        Map<String, Object> account = account(APP_ID);
        account.put("callbackUrl", platform.url());
        account.put("encryptionMode", mode.name());
        createAccount(account);
        if (c.body().get("event") != null && "unsubscribe".equals(c.body().get("event"))) {
            postJson(followerPath("events"), Map.of("event", "subscribe"));
        }

        Map<String, Object> outcome = postJson(followerPath(c.endpoint()), c.body());

        FakePlatform.Received received =
                platform.received().get(platform.received().size() - 1);
        OpenedCallback opened = CallbackVerifier.verify(
                received.query(), received.body(), TOKEN, List.of(EncodingAesKey.parse(AES_KEY)), APP_ID);
        assertThat(opened.mode()).isEqualTo(mode);
        assertThat(received.query()).containsEntry("openid", ALICE);
        InboundMessage message = InboundMessages.parse(opened.innerXml());
        assertThat(message.toUserName()).isEqualTo(ORIGINAL_ID);
        assertThat(message.fromUserName()).isEqualTo(ALICE);
        assertThat(message.createTime()).isEqualTo(((Number) outcome.get("createTime")).longValue());
        if ("messages".equals(c.endpoint())) {
            assertThat(message.msgId()).isEqualTo(outcome.get("msgId").toString());
        } else {
            assertThat(message.msgType()).isEqualTo("event");
            assertThat(message.fields()).doesNotContainKey("MsgId");
        }
        c.check().accept(message);
    }

    private static String followerPath(String endpoint) {
        return "/sandbox/accounts/" + APP_ID + "/followers/" + ALICE + "/" + endpoint;
    }

    private static Case message(String name, Map<String, Object> body, Consumer<InboundMessage> check) {
        return new Case(name, "messages", body, check);
    }

    private static Case event(String name, Map<String, Object> body, Consumer<InboundMessage> check) {
        return new Case(name, "events", body, check);
    }

    private static <T> T as(Class<T> type, InboundMessage m) {
        assertThat(m).isInstanceOf(type);
        return type.cast(m);
    }

    /** Menu events beyond CLICK/VIEW have no record of their own in wechat-protocol: all fields must survive. */
    private static WxEvent event(InboundMessage m) {
        return as(WxEvent.class, m);
    }

    private static List<Case> cases() {
        return List.of(
                message(
                        "text",
                        Map.of("msgType", "text", "content", "你好 <world>"),
                        m -> assertThat(as(TextMessage.class, m).content()).isEqualTo("你好 <world>")),
                message(
                        "image",
                        Map.of("msgType", "image", "picUrl", "http://mmbiz.qpic.cn/p.jpg", "mediaId", "m1"),
                        m -> assertThat(as(ImageMessage.class, m))
                                .extracting(ImageMessage::picUrl, ImageMessage::mediaId)
                                .containsExactly("http://mmbiz.qpic.cn/p.jpg", "m1")),
                message(
                        "voice",
                        Map.of("msgType", "voice", "mediaId", "v1", "format", "amr", "recognition", "腾讯微信团队"),
                        m -> assertThat(as(VoiceMessage.class, m))
                                .extracting(VoiceMessage::mediaId, VoiceMessage::format, VoiceMessage::recognition)
                                .containsExactly("v1", "amr", "腾讯微信团队")),
                message(
                        "video",
                        Map.of("msgType", "video", "mediaId", "vid", "thumbMediaId", "th"),
                        m -> assertThat(as(VideoMessage.class, m))
                                .extracting(VideoMessage::mediaId, VideoMessage::thumbMediaId, VideoMessage::shortVideo)
                                .containsExactly("vid", "th", false)),
                message(
                        "shortvideo",
                        Map.of("msgType", "shortvideo", "mediaId", "svid", "thumbMediaId", "th"),
                        m -> assertThat(as(VideoMessage.class, m))
                                .extracting(VideoMessage::mediaId, VideoMessage::shortVideo)
                                .containsExactly("svid", true)),
                message(
                        "location",
                        Map.of(
                                "msgType",
                                "location",
                                "locationX",
                                23.134521,
                                "locationY",
                                113.358803,
                                "scale",
                                20,
                                "label",
                                "位置信息"),
                        m -> assertThat(as(LocationMessage.class, m))
                                .extracting(
                                        LocationMessage::x,
                                        LocationMessage::y,
                                        LocationMessage::scale,
                                        LocationMessage::label)
                                .containsExactly(23.134521, 113.358803, 20, "位置信息")),
                message(
                        "link",
                        Map.of(
                                "msgType",
                                "link",
                                "title",
                                "公众平台官网链接",
                                "description",
                                "desc",
                                "url",
                                "https://mp.weixin.qq.com/s/x"),
                        m -> assertThat(as(LinkMessage.class, m))
                                .extracting(LinkMessage::title, LinkMessage::description, LinkMessage::url)
                                .containsExactly("公众平台官网链接", "desc", "https://mp.weixin.qq.com/s/x")),
                event(
                        "subscribe",
                        Map.of("event", "subscribe"),
                        m -> assertThat(as(SubscribeEvent.class, m).scene()).isEmpty()),
                event(
                        "subscribe from a QR code",
                        Map.of("event", "subscribe", "eventKey", "qrscene_123123", "ticket", "TICKET"),
                        m -> {
                            assertThat(as(SubscribeEvent.class, m).scene()).contains("123123");
                            assertThat(as(SubscribeEvent.class, m).ticket()).isEqualTo("TICKET");
                        }),
                event("unsubscribe", Map.of("event", "unsubscribe"), m -> as(UnsubscribeEvent.class, m)),
                event(
                        "SCAN",
                        Map.of("event", "SCAN", "eventKey", "123123", "ticket", "TICKET"),
                        m -> assertThat(as(ScanEvent.class, m))
                                .extracting(ScanEvent::scene, ScanEvent::ticket)
                                .containsExactly("123123", "TICKET")),
                event(
                        "LOCATION",
                        Map.of(
                                "event",
                                "LOCATION",
                                "latitude",
                                23.137466,
                                "longitude",
                                113.352425,
                                "precision",
                                119.385040),
                        m -> assertThat(as(LocationEvent.class, m))
                                .extracting(LocationEvent::latitude, LocationEvent::longitude, LocationEvent::precision)
                                .containsExactly(23.137466, 113.352425, 119.38504)),
                event(
                        "CLICK",
                        Map.of("event", "CLICK", "eventKey", "V1001_TODAY_MUSIC"),
                        m -> assertThat(as(ClickEvent.class, m).eventKey()).isEqualTo("V1001_TODAY_MUSIC")),
                event(
                        "VIEW",
                        Map.of("event", "VIEW", "eventKey", "https://www.qq.com/", "menuId", 208396938),
                        m -> assertThat(as(ViewEvent.class, m))
                                .extracting(ViewEvent::eventKey, ViewEvent::menuId)
                                .containsExactly("https://www.qq.com/", "208396938")),
                scanMenu("scancode_push"),
                scanMenu("scancode_waitmsg"),
                picturesMenu("pic_sysphoto"),
                picturesMenu("pic_photo_or_album"),
                picturesMenu("pic_weixin"),
                event(
                        "location_select",
                        Map.of(
                                "event",
                                "location_select",
                                "eventKey",
                                "loc",
                                "sendLocationInfo",
                                Map.of(
                                        "locationX",
                                        23,
                                        "locationY",
                                        113,
                                        "scale",
                                        15,
                                        "label",
                                        "广州市海珠区",
                                        "poiname",
                                        "")),
                        m -> assertThat(event(m).fields())
                                .containsEntry("Event", "location_select")
                                .containsEntry("EventKey", "loc")
                                .containsEntry("SendLocationInfo.Location_X", "23")
                                .containsEntry("SendLocationInfo.Location_Y", "113")
                                .containsEntry("SendLocationInfo.Scale", "15")
                                .containsEntry("SendLocationInfo.Label", "广州市海珠区")
                                .containsEntry("SendLocationInfo.Poiname", "")),
                event(
                        "view_miniprogram",
                        Map.of("event", "view_miniprogram", "eventKey", "pages/index/index", "menuId", 7),
                        m -> assertThat(event(m).fields())
                                .containsEntry("Event", "view_miniprogram")
                                .containsEntry("EventKey", "pages/index/index")
                                .containsEntry("MenuId", "7")),
                event(
                        "TEMPLATESENDJOBFINISH",
                        Map.of("event", "TEMPLATESENDJOBFINISH", "msgId", 200163836L, "status", "failed:user block"),
                        m -> assertThat(as(TemplateSendJobFinishEvent.class, m))
                                .extracting(TemplateSendJobFinishEvent::msgId, TemplateSendJobFinishEvent::status)
                                .containsExactly("200163836", "failed:user block")),
                event(
                        "MASSSENDJOBFINISH",
                        Map.of(
                                "event",
                                "MASSSENDJOBFINISH",
                                "msgId",
                                1000001625L,
                                "status",
                                "send success",
                                "totalCount",
                                100,
                                "filterCount",
                                80,
                                "sentCount",
                                75,
                                "errorCount",
                                5),
                        m -> assertThat(as(MassSendJobFinishEvent.class, m))
                                .extracting(
                                        MassSendJobFinishEvent::msgId, MassSendJobFinishEvent::status,
                                        MassSendJobFinishEvent::totalCount, MassSendJobFinishEvent::filterCount,
                                        MassSendJobFinishEvent::sentCount, MassSendJobFinishEvent::errorCount)
                                .containsExactly("1000001625", "send success", 100, 80, 75, 5)));
    }

    private static Case scanMenu(String event) {
        return event(
                event,
                Map.of(
                        "event",
                        event,
                        "eventKey",
                        "rselfmenu_0_1",
                        "scanCodeInfo",
                        Map.of("scanType", "qrcode", "scanResult", "http://weixin.qq.com/r/x")),
                m -> assertThat(event(m).fields())
                        .containsEntry("Event", event)
                        .containsEntry("EventKey", "rselfmenu_0_1")
                        .containsEntry("ScanCodeInfo.ScanType", "qrcode")
                        .containsEntry("ScanCodeInfo.ScanResult", "http://weixin.qq.com/r/x"));
    }

    private static Case picturesMenu(String event) {
        return event(
                event,
                Map.of(
                        "event",
                        event,
                        "eventKey",
                        "rselfmenu_1_0",
                        "sendPicsInfo",
                        Map.of("picList", List.of(Map.of("picMd5Sum", "1b5f7c23b5bf75682a53e7b6d163e185")))),
                m -> assertThat(event(m).fields())
                        .containsEntry("Event", event)
                        .containsEntry("SendPicsInfo.Count", "1")
                        .containsEntry("SendPicsInfo.PicList.item[0].PicMd5Sum", "1b5f7c23b5bf75682a53e7b6d163e185"));
    }
}
