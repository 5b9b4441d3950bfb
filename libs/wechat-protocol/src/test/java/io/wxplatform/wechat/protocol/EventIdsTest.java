package io.wxplatform.wechat.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EventIdsTest {

    private static final String HEAD =
            "<xml><ToUserName>gh_a</ToUserName><FromUserName>oF</FromUserName>" + "<CreateTime>1700000000</CreateTime>";

    @Test
    void messagesAreIdentifiedByMsgId() {
        InboundMessage m = InboundMessages.parse(
                HEAD + "<MsgType>text</MsgType><Content>hi</Content>" + "<MsgId>23456</MsgId></xml>");

        assertThat(EventIds.of("wxapp", m)).isEqualTo("wxapp:msg:23456");
    }

    @Test
    void eventsAreIdentifiedByFollowerTimeEventAndKey() {
        InboundMessage click = InboundMessages.parse(
                HEAD + "<MsgType>event</MsgType><Event>CLICK</Event>" + "<EventKey>K1</EventKey></xml>");
        InboundMessage unsubscribe = InboundMessages.parse(
                HEAD + "<MsgType>event</MsgType>" + "<Event>unsubscribe</Event><EventKey></EventKey></xml>");

        assertThat(EventIds.of("wxapp", click)).isEqualTo("wxapp:evt:oF:1700000000:CLICK:K1");
        assertThat(EventIds.of("wxapp", unsubscribe)).isEqualTo("wxapp:evt:oF:1700000000:unsubscribe");
    }

    @Test
    void jobReportsUseTheEventFormWithTheirMsgId() {
        InboundMessage m = InboundMessages.parse(HEAD + "<MsgType>event</MsgType>"
                + "<Event>TEMPLATESENDJOBFINISH</Event><MsgID>99</MsgID><Status>success</Status></xml>");

        assertThat(EventIds.of("wxapp", m)).isEqualTo("wxapp:evt:oF:1700000000:TEMPLATESENDJOBFINISH:99");
    }

    @Test
    void twoMassSendReportsOfOneSecondAreTwoEvents() {
        String report = HEAD + "<MsgType>event</MsgType><Event>MASSSENDJOBFINISH</Event><MsgID>%s</MsgID>"
                + "<Status>send success</Status><TotalCount>2</TotalCount><FilterCount>2</FilterCount>"
                + "<SentCount>2</SentCount><ErrorCount>0</ErrorCount></xml>";

        assertThat(EventIds.of("wxapp", InboundMessages.parse(report.formatted("1001"))))
                .isNotEqualTo(EventIds.of("wxapp", InboundMessages.parse(report.formatted("1002"))));
    }

    @Test
    void publishJobsFinishingInTheSameSecondAreTwoEvents() {
        String first = HEAD + "<MsgType>event</MsgType><Event>PUBLISHJOBFINISH</Event><PublishEventInfo>"
                + "<publish_id>2247503051</publish_id><publish_status>0</publish_status></PublishEventInfo></xml>";
        String second = first.replace("2247503051", "2247503052");

        assertThat(EventIds.of("wxapp", InboundMessages.parse(first)))
                .isEqualTo("wxapp:evt:oF:1700000000:PUBLISHJOBFINISH:2247503051")
                .isNotEqualTo(EventIds.of("wxapp", InboundMessages.parse(second)));
    }

    @Test
    void messagesWithoutMsgIdFallBackToTheEventFormWithTheirType() {
        InboundMessage m = InboundMessages.parse(HEAD + "<MsgType>newtype</MsgType></xml>");

        assertThat(EventIds.of("wxapp", m)).isEqualTo("wxapp:evt:oF:1700000000:newtype");
    }

    @Test
    void theSameCallbackAlwaysGetsTheSameIdAndAnotherGetsAnother() {
        String xml = HEAD + "<MsgType>event</MsgType><Event>LOCATION</Event><Latitude>1</Latitude>"
                + "<Longitude>2</Longitude><Precision>3</Precision></xml>";
        String later = xml.replace("1700000000", "1700000005");

        assertThat(EventIds.of("wxapp", InboundMessages.parse(xml)))
                .isEqualTo(EventIds.of("wxapp", InboundMessages.parse(xml)))
                .isEqualTo(EventIds.of(
                        "wxapp",
                        InboundMessages.fromFields(InboundMessages.parse(xml).fields())))
                .isNotEqualTo(EventIds.of("wxapp", InboundMessages.parse(later)))
                .isNotEqualTo(EventIds.of("wxother", InboundMessages.parse(xml)));
    }

    @Test
    void componentPushesAreIdentifiedByInfoTypeTimeAndAuthorizer() {
        ComponentPush ticket = ComponentPushes.parse("<xml><AppId>wxc</AppId><CreateTime>1</CreateTime>"
                + "<InfoType>component_verify_ticket</InfoType><ComponentVerifyTicket>t</ComponentVerifyTicket></xml>");
        ComponentPush revoked = ComponentPushes.parse("<xml><AppId>wxc</AppId><CreateTime>2</CreateTime>"
                + "<InfoType>unauthorized</InfoType><AuthorizerAppid>wxa</AuthorizerAppid></xml>");

        assertThat(EventIds.of(ticket)).isEqualTo("wxc:cmp:component_verify_ticket:1");
        assertThat(EventIds.of(revoked)).isEqualTo("wxc:cmp:unauthorized:2:wxa");
    }
}
