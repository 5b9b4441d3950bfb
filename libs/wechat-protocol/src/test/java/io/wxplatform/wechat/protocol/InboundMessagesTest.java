package io.wxplatform.wechat.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.wxplatform.wechat.protocol.xml.XmlException;
import io.wxplatform.wechat.protocol.xml.XmlException.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InboundMessagesTest {

    private static String message(String msgType, String body) {
        return "<xml><ToUserName><![CDATA[gh_account]]></ToUserName><FromUserName><![CDATA[oFollower]]></FromUserName>"
                + "<CreateTime>1348831860</CreateTime><MsgType><![CDATA[" + msgType + "]]></MsgType>" + body + "</xml>";
    }

    private static String event(String event, String body) {
        return message("event", "<Event><![CDATA[" + event + "]]></Event>" + body);
    }

    @Test
    void parsesTextWithTheCommonHeader() {
        InboundMessage m = InboundMessages.parse(
                message("text", "<Content><![CDATA[this is a test]]></Content><MsgId>1234567890123456</MsgId>"));

        assertThat(m).isEqualTo(new TextMessage(m.header(), "this is a test", "1234567890123456"));
        assertThat(m.toUserName()).isEqualTo("gh_account");
        assertThat(m.fromUserName()).isEqualTo("oFollower");
        assertThat(m.createTime()).isEqualTo(1348831860L);
        assertThat(m.msgType()).isEqualTo("text");
        assertThat(m.msgId()).isEqualTo("1234567890123456");
    }

    @Test
    void parsesTextFromAnArticleWithItsDataIdAndIndex() {
        InboundMessage m = InboundMessages.parse(message(
                "text", "<Content><![CDATA[hi]]></Content><MsgId>1</MsgId><MsgDataId>xxxx</MsgDataId><Idx>1</Idx>"));

        assertThat(m.fields()).containsEntry("MsgDataId", "xxxx").containsEntry("Idx", "1");
    }

    @Test
    void parsesImage() {
        InboundMessage m = InboundMessages.parse(message(
                "image",
                "<PicUrl><![CDATA[http://pic]]></PicUrl><MediaId><![CDATA[media_id]]></MediaId><MsgId>2</MsgId>"));

        assertThat(m).isEqualTo(new ImageMessage(m.header(), "http://pic", "media_id", "2"));
    }

    @Test
    void parsesVoiceWithAndWithoutRecognition() {
        InboundMessage plain = InboundMessages.parse(
                message("voice", "<MediaId><![CDATA[m]]></MediaId><Format><![CDATA[amr]]></Format><MsgId>3</MsgId>"));
        InboundMessage recognized = InboundMessages.parse(message(
                "voice",
                "<MediaId><![CDATA[m]]></MediaId><Format><![CDATA[amr]]></Format>"
                        + "<Recognition><![CDATA[腾讯微信团队]]></Recognition><MsgId>3</MsgId>"));

        assertThat(plain).isEqualTo(new VoiceMessage(plain.header(), "m", "amr", null, "3"));
        assertThat(((VoiceMessage) recognized).recognition()).isEqualTo("腾讯微信团队");
    }

    @Test
    void parsesVideoAndShortVideo() {
        String body = "<MediaId><![CDATA[m]]></MediaId><ThumbMediaId><![CDATA[t]]></ThumbMediaId><MsgId>4</MsgId>";
        InboundMessage video = InboundMessages.parse(message("video", body));
        InboundMessage shortVideo = InboundMessages.parse(message("shortvideo", body));

        assertThat(video).isEqualTo(new VideoMessage(video.header(), "m", "t", "4", false));
        assertThat(shortVideo).isEqualTo(new VideoMessage(shortVideo.header(), "m", "t", "4", true));
    }

    @Test
    void parsesLocation() {
        InboundMessage m = InboundMessages.parse(
                message(
                        "location",
                        "<Location_X>23.134521</Location_X>"
                                + "<Location_Y>113.358803</Location_Y><Scale>20</Scale><Label><![CDATA[位置信息]]></Label><MsgId>5</MsgId>"));

        assertThat(m).isEqualTo(new LocationMessage(m.header(), 23.134521, 113.358803, 20, "位置信息", "5"));
    }

    @Test
    void parsesLink() {
        InboundMessage m = InboundMessages.parse(message(
                "link",
                "<Title><![CDATA[公众平台官网链接]]></Title>"
                        + "<Description><![CDATA[desc]]></Description><Url><![CDATA[url]]></Url><MsgId>6</MsgId>"));

        assertThat(m).isEqualTo(new LinkMessage(m.header(), "公众平台官网链接", "desc", "url", "6"));
    }

    @Test
    void parsesAPlainSubscribeWithoutScene() {
        InboundMessage m = InboundMessages.parse(event("subscribe", "<EventKey><![CDATA[]]></EventKey>"));

        assertThat(m).isInstanceOfSatisfying(SubscribeEvent.class, s -> {
            assertThat(s.scene()).isEmpty();
            assertThat(s.event()).isEqualTo("subscribe");
            assertThat(s.msgId()).isNull();
        });
    }

    @Test
    void parsesASubscribeFromAQrCodeWithItsScene() {
        InboundMessage m = InboundMessages.parse(event(
                "subscribe", "<EventKey><![CDATA[qrscene_123123]]></EventKey><Ticket><![CDATA[TICKET]]></Ticket>"));

        assertThat(m).isEqualTo(new SubscribeEvent(m.header(), "qrscene_123123", "TICKET"));
        assertThat(((SubscribeEvent) m).scene()).contains("123123");
    }

    @Test
    void parsesUnsubscribe() {
        assertThat(InboundMessages.parse(event("unsubscribe", ""))).isInstanceOf(UnsubscribeEvent.class);
    }

    @Test
    void parsesScan() {
        InboundMessage m = InboundMessages.parse(
                event("SCAN", "<EventKey><![CDATA[SCENE_VALUE]]></EventKey><Ticket><![CDATA[TICKET]]></Ticket>"));

        assertThat(m).isEqualTo(new ScanEvent(m.header(), "SCENE_VALUE", "TICKET"));
        assertThat(((ScanEvent) m).scene()).isEqualTo("SCENE_VALUE");
    }

    @Test
    void parsesLocationEvent() {
        InboundMessage m = InboundMessages.parse(event(
                "LOCATION",
                "<Latitude>23.137466</Latitude><Longitude>113.352425</Longitude><Precision>119.385040</Precision>"));

        assertThat(m).isEqualTo(new LocationEvent(m.header(), 23.137466, 113.352425, 119.385040));
    }

    @Test
    void parsesClickAndView() {
        InboundMessage click = InboundMessages.parse(event("CLICK", "<EventKey><![CDATA[V1001_TODAY]]></EventKey>"));
        InboundMessage view = InboundMessages.parse(
                event("VIEW", "<EventKey><![CDATA[https://www.qq.com/]]></EventKey><MenuId>208379533</MenuId>"));

        assertThat(click).isEqualTo(new ClickEvent(click.header(), "V1001_TODAY"));
        assertThat(view).isEqualTo(new ViewEvent(view.header(), "https://www.qq.com/", "208379533"));
        assertThat(((ViewEvent) view).url()).isEqualTo("https://www.qq.com/");
    }

    @Test
    void parsesTemplateSendJobFinishWithItsCapitalIdMsgId() {
        InboundMessage m = InboundMessages.parse(event(
                "TEMPLATESENDJOBFINISH", "<MsgID>200163836</MsgID><Status><![CDATA[failed:user block]]></Status>"));

        assertThat(m).isEqualTo(new TemplateSendJobFinishEvent(m.header(), "200163836", "failed:user block"));
        assertThat(m.msgId()).isEqualTo("200163836");
        assertThat(((TemplateSendJobFinishEvent) m).succeeded()).isFalse();
    }

    @Test
    void parsesMassSendJobFinish() {
        InboundMessage m = InboundMessages.parse(event(
                "MASSSENDJOBFINISH",
                "<MsgID>1988</MsgID>"
                        + "<Status><![CDATA[sendsuccess]]></Status><TotalCount>100</TotalCount><FilterCount>80</FilterCount>"
                        + "<SentCount>75</SentCount><ErrorCount>5</ErrorCount>"
                        + "<CopyrightCheckResult><Count>0</Count><CheckState>1</CheckState></CopyrightCheckResult>"));

        assertThat(m).isEqualTo(new MassSendJobFinishEvent(m.header(), "1988", "sendsuccess", 100, 80, 75, 5, 1));
        assertThat(((MassSendJobFinishEvent) m).succeeded()).isTrue();
        assertThat(m.fields()).containsEntry("CopyrightCheckResult.CheckState", "1");
    }

    @Test
    void parsesPublishJobFinish() {
        InboundMessage m = InboundMessages.parse(event(
                "PUBLISHJOBFINISH",
                "<PublishEventInfo><publish_id>2247503051</publish_id><publish_status>0</publish_status>"
                        + "<article_id><![CDATA[b5O2OUs25HBxRceL7hfReg-U9QGeq9zQjiDvy]]></article_id>"
                        + "<article_detail><count>1</count><item><idx>1</idx>"
                        + "<article_url><![CDATA[ARTICLE_URL]]></article_url></item></article_detail>"
                        + "</PublishEventInfo>"));

        assertThat(m)
                .isEqualTo(new PublishJobFinishEvent(
                        m.header(), "2247503051", 0, "b5O2OUs25HBxRceL7hfReg-U9QGeq9zQjiDvy"));
        assertThat(((PublishJobFinishEvent) m).published()).isTrue();
        assertThat(m.fields()).containsEntry("PublishEventInfo.article_detail.item[0].article_url", "ARTICLE_URL");
    }

    @Test
    void readsThePublishedArticlesAndTheFailedOnesOfAPublishJob() {
        PublishJobFinishEvent published = (PublishJobFinishEvent) InboundMessages.parse(event(
                "PUBLISHJOBFINISH",
                "<PublishEventInfo><publish_id>1</publish_id><publish_status>0</publish_status>"
                        + "<article_id>A</article_id><article_detail><count>2</count>"
                        + "<item><idx>1</idx><article_url>U1</article_url></item>"
                        + "<item><idx>2</idx><article_url>U2</article_url></item></article_detail>"
                        + "</PublishEventInfo>"));
        PublishJobFinishEvent failed = (PublishJobFinishEvent) InboundMessages.parse(event(
                "PUBLISHJOBFINISH",
                "<PublishEventInfo><publish_id>2</publish_id><publish_status>2</publish_status>"
                        + "<fail_idx>1</fail_idx><fail_idx>3</fail_idx></PublishEventInfo>"));
        PublishJobFinishEvent oneFailed = (PublishJobFinishEvent) InboundMessages.parse(event(
                "PUBLISHJOBFINISH",
                "<PublishEventInfo><publish_id>3</publish_id><publish_status>3</publish_status>"
                        + "<fail_idx>2</fail_idx></PublishEventInfo>"));

        assertThat(published.articles())
                .containsExactly(
                        new PublishJobFinishEvent.ArticleUrl(1, "U1"), new PublishJobFinishEvent.ArticleUrl(2, "U2"));
        assertThat(published.failedIndexes()).isEmpty();
        assertThat(failed.published()).isFalse();
        assertThat(failed.articles()).isEmpty();
        assertThat(failed.failedIndexes()).containsExactly(1, 3);
        assertThat(oneFailed.failedIndexes()).containsExactly(2);
    }

    @Test
    void matchesEventNamesWhateverTheirCase() {
        assertThat(InboundMessages.parse(event("click", "<EventKey>k</EventKey>")))
                .isInstanceOf(ClickEvent.class);
        assertThat(InboundMessages.parse(event("Subscribe", ""))).isInstanceOf(SubscribeEvent.class);
    }

    @Test
    void keepsUnknownMessageTypesWithAllTheirFields() {
        InboundMessage m = InboundMessages.parse(message("miniprogrampage", "<Title>t</Title><MsgId>7</MsgId>"));

        assertThat(m).isInstanceOf(UnknownMessage.class);
        assertThat(m.msgId()).isEqualTo("7");
        assertThat(m.fields()).containsEntry("Title", "t");
    }

    @Test
    void keepsUnknownEventsWithNestedFields() {
        InboundMessage m = InboundMessages.parse(event(
                "some_future_event",
                "<EventKey><![CDATA[rselfmenu_0_0]]></EventKey>"
                        + "<FutureInfo><Kind><![CDATA[qrcode]]></Kind><Result><![CDATA[2]]></Result></FutureInfo>"));

        assertThat(m).isInstanceOfSatisfying(UnknownEvent.class, e -> {
            assertThat(e.event()).isEqualTo("some_future_event");
            assertThat(e.eventKey()).isEqualTo("rselfmenu_0_0");
        });
        assertThat(m.fields()).containsEntry("FutureInfo.Kind", "qrcode");
    }

    @Test
    void parsesScanCodeMenuEvents() {
        for (String event : new String[] {"scancode_push", "scancode_waitmsg"}) {
            InboundMessage m = InboundMessages.parse(event(
                    event,
                    "<EventKey><![CDATA[6]]></EventKey><ScanCodeInfo><ScanType><![CDATA[qrcode]]></ScanType>"
                            + "<ScanResult><![CDATA[1]]></ScanResult></ScanCodeInfo>"));

            assertThat(m).isEqualTo(new ScanCodeMenuEvent(m.header(), "6", "qrcode", "1"));
        }
    }

    @Test
    void parsesPictureMenuEventsWithTheirSums() {
        for (String event : new String[] {"pic_sysphoto", "pic_photo_or_album", "pic_weixin"}) {
            InboundMessage m = InboundMessages.parse(event(
                    event,
                    "<EventKey><![CDATA[6]]></EventKey><SendPicsInfo><Count>2</Count><PicList>"
                            + "<item><PicMd5Sum><![CDATA[1b5f7c23b5bf75682a53e7b6d163e185]]></PicMd5Sum></item>"
                            + "<item><PicMd5Sum><![CDATA[2b5f7c23b5bf75682a53e7b6d163e185]]></PicMd5Sum></item>"
                            + "</PicList></SendPicsInfo>"));

            assertThat(m).isEqualTo(new PicturesMenuEvent(m.header(), "6", 2));
            assertThat(((PicturesMenuEvent) m).picMd5Sums())
                    .containsExactly("1b5f7c23b5bf75682a53e7b6d163e185", "2b5f7c23b5bf75682a53e7b6d163e185");
        }
    }

    @Test
    void parsesALocationPickedFromTheMenu() {
        InboundMessage m = InboundMessages.parse(event(
                "location_select",
                "<EventKey><![CDATA[6]]></EventKey><SendLocationInfo><Location_X><![CDATA[23]]></Location_X>"
                        + "<Location_Y><![CDATA[113]]></Location_Y><Scale><![CDATA[15]]></Scale>"
                        + "<Label><![CDATA[ 广州市海珠区客村艺苑路 106号]]></Label><Poiname><![CDATA[]]></Poiname>"
                        + "</SendLocationInfo>"));

        assertThat(m).isEqualTo(new LocationSelectMenuEvent(m.header(), "6", 23, 113, 15, " 广州市海珠区客村艺苑路 106号", ""));
    }

    @Test
    void parsesAMiniProgramOpenedFromTheMenu() {
        InboundMessage m = InboundMessages.parse(
                event("view_miniprogram", "<EventKey><![CDATA[pages/index/index]]></EventKey><MenuId>MENUID</MenuId>"));

        assertThat(m).isEqualTo(new MiniProgramViewEvent(m.header(), "pages/index/index", "MENUID"));
        assertThat(((MiniProgramViewEvent) m).pagePath()).isEqualTo("pages/index/index");
    }

    @Test
    void keepsUnknownFieldsOfKnownTypesInOrder() {
        InboundMessage m = InboundMessages.parse(
                message("text", "<Content>c</Content><MsgId>1</MsgId><BizMsgMenuId>101</BizMsgMenuId>"));

        assertThat(m).isInstanceOf(TextMessage.class);
        assertThat(m.fields())
                .containsExactly(
                        entry("ToUserName", "gh_account"),
                        entry("FromUserName", "oFollower"),
                        entry("CreateTime", "1348831860"),
                        entry("MsgType", "text"),
                        entry("Content", "c"),
                        entry("MsgId", "1"),
                        entry("BizMsgMenuId", "101"));
    }

    @Test
    void degradesToUnknownWhenATypedFieldIsUnreadable() {
        InboundMessage m = InboundMessages.parse(event("LOCATION", "<Latitude>north</Latitude>"));

        assertThat(m).isInstanceOf(UnknownEvent.class);
        assertThat(m.fields()).containsEntry("Latitude", "north");
    }

    @Test
    void rebuildsTheSameMessageFromItsFields() {
        InboundMessage original = InboundMessages.parse(
                event("subscribe", "<EventKey><![CDATA[qrscene_9]]></EventKey><Ticket>T</Ticket><Extra>x</Extra>"));

        assertThat(InboundMessages.fromFields(original.fields())).isEqualTo(original);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ToUserName", "FromUserName", "CreateTime", "MsgType"})
    void refusesAMessageWithoutAHeaderField(String missing) {
        String xml = message("text", "<Content>c</Content>").replaceAll("<" + missing + ">.*?</" + missing + ">", "");

        assertThatThrownBy(() -> InboundMessages.parse(xml))
                .isInstanceOfSatisfying(
                        XmlException.class, e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED));
    }

    @Test
    void refusesANonNumericCreateTime() {
        assertThatThrownBy(() -> InboundMessages.parse(message("text", "").replace("1348831860", "yesterday")))
                .isInstanceOfSatisfying(
                        XmlException.class, e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED));
    }
}
