package io.wxplatform.wechat.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Subscription-notification and agent-session events, with the XML of WeChat's documentation. */
class SubscriptionAndAgentEventsTest {

    private static String event(String event, String body) {
        return "<xml><ToUserName><![CDATA[gh_123456789abc]]></ToUserName>"
                + "<FromUserName><![CDATA[otFpruAK8D-E6EfStSYonYSBZ8_4]]></FromUserName>"
                + "<CreateTime>1610969440</CreateTime><MsgType><![CDATA[event]]></MsgType>"
                + "<Event><![CDATA[" + event + "]]></Event>" + body + "</xml>";
    }

    @Test
    void aPopupEventListsEachTemplatesChoice() {
        InboundMessage m = InboundMessages.parse(event(
                "subscribe_msg_popup_event",
                "<SubscribeMsgPopupEvent><List><TemplateId><![CDATA[VRR0UEO9VJOLs0MHlU0OilqX6MVFDwH3_3gz3Oc0NIc]]>"
                        + "</TemplateId><SubscribeStatusString><![CDATA[accept]]></SubscribeStatusString>"
                        + "<PopupScene>2</PopupScene></List><List><TemplateId><![CDATA[9nLIlbOQZC5Y89AZteFEux3WCXRRRG5W"
                        + "fzkpssu4bLI]]></TemplateId><SubscribeStatusString><![CDATA[reject]]></SubscribeStatusString>"
                        + "<PopupScene>2</PopupScene></List></SubscribeMsgPopupEvent>"));

        assertThat(m)
                .isInstanceOfSatisfying(
                        SubscribeMsgPopupEvent.class,
                        popup -> assertThat(popup.choices())
                                .containsExactly(
                                        new SubscriptionChoice(
                                                "VRR0UEO9VJOLs0MHlU0OilqX6MVFDwH3_3gz3Oc0NIc", "accept", "2"),
                                        new SubscriptionChoice(
                                                "9nLIlbOQZC5Y89AZteFEux3WCXRRRG5Wfzkpssu4bLI", "reject", "2")));
        assertThat(((SubscribeMsgPopupEvent) m).choices().get(0).accepted()).isTrue();
    }

    @Test
    void aSingleListEntryIsOneChoiceToo() {
        InboundMessage m = InboundMessages.parse(event(
                "subscribe_msg_change_event",
                "<SubscribeMsgChangeEvent><List><TemplateId><![CDATA[tpl-1]]></TemplateId>"
                        + "<SubscribeStatusString><![CDATA[reject]]></SubscribeStatusString></List>"
                        + "</SubscribeMsgChangeEvent>"));

        assertThat(m)
                .isInstanceOfSatisfying(
                        SubscribeMsgChangeEvent.class,
                        change -> assertThat(change.choices())
                                .containsExactly(new SubscriptionChoice("tpl-1", "reject", null)));
    }

    @Test
    void aSentEventCarriesEachNotificationsOutcome() {
        InboundMessage m = InboundMessages.parse(event(
                "subscribe_msg_sent_event",
                "<SubscribeMsgSentEvent><List><TemplateId><![CDATA[tpl-1]]></TemplateId>"
                        + "<MsgID>1700827132819554304</MsgID><ErrorCode>0</ErrorCode>"
                        + "<ErrorStatus><![CDATA[success]]></ErrorStatus></List>"
                        + "<List><TemplateId><![CDATA[tpl-2]]></TemplateId><MsgID>1700827132819554305</MsgID>"
                        + "<ErrorCode>20001</ErrorCode><ErrorStatus><![CDATA[failed:user block]]></ErrorStatus></List>"
                        + "</SubscribeMsgSentEvent>"));

        assertThat(m).isInstanceOfSatisfying(SubscribeMsgSentEvent.class, sent -> {
            assertThat(sent.sent())
                    .containsExactly(
                            new SubscribeMsgSentEvent.Sent("tpl-1", "1700827132819554304", 0, "success"),
                            new SubscribeMsgSentEvent.Sent("tpl-2", "1700827132819554305", 20001, "failed:user block"));
            assertThat(sent.sent().get(0).delivered()).isTrue();
            assertThat(sent.sent().get(1).delivered()).isFalse();
            assertThat(sent.sent().get(1).userBlocked()).isTrue();
        });
    }

    @Test
    void aSubscriptionEventWithoutItsListStaysAnUnknownEventWithItsFields() {
        InboundMessage m = InboundMessages.parse(event("subscribe_msg_popup_event", "<Other>x</Other>"));

        assertThat(m).isInstanceOf(UnknownEvent.class);
        assertThat(m.fields()).containsEntry("Other", "x");
    }

    @Test
    void agentSessionEventsNameTheAgentWhoHasTheFollowerNow() {
        KfSessionEvent created = (KfSessionEvent)
                InboundMessages.parse(event("kf_create_session", "<KfAccount><![CDATA[test1@test]]></KfAccount>"));
        KfSessionEvent closed = (KfSessionEvent)
                InboundMessages.parse(event("kf_close_session", "<KfAccount><![CDATA[test1@test]]></KfAccount>"));
        KfSessionEvent switched = (KfSessionEvent) InboundMessages.parse(event(
                "kf_switch_session",
                "<FromKfAccount><![CDATA[test1@test]]></FromKfAccount><ToKfAccount><![CDATA[test2@test]]>"
                        + "</ToKfAccount>"));

        assertThat(List.of(created.kfAccount(), created.open())).containsExactly("test1@test", true);
        assertThat(List.of(closed.kfAccount(), closed.open())).containsExactly("test1@test", false);
        assertThat(List.of(switched.kfAccount(), switched.fromKfAccount(), switched.open()))
                .containsExactly("test2@test", "test1@test", true);
    }
}
