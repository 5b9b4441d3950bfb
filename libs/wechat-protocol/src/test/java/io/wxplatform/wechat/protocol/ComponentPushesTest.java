package io.wxplatform.wechat.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wxplatform.wechat.protocol.xml.XmlException;
import org.junit.jupiter.api.Test;

class ComponentPushesTest {

    private static String push(String infoType, String body) {
        return "<xml><AppId><![CDATA[wxcomponent]]></AppId><CreateTime>1413192605</CreateTime>" + "<InfoType><![CDATA["
                + infoType + "]]></InfoType>" + body + "</xml>";
    }

    @Test
    void parsesTheVerifyTicket() {
        ComponentPush p = ComponentPushes.parse(push(
                "component_verify_ticket", "<ComponentVerifyTicket><![CDATA[ticket@@@abc]]></ComponentVerifyTicket>"));

        assertThat(p).isEqualTo(new VerifyTicketPush("wxcomponent", 1413192605L, "ticket@@@abc", p.fields()));
        assertThat(p.infoType()).isEqualTo("component_verify_ticket");
        assertThat(p.authorizerAppId()).isNull();
    }

    @Test
    void parsesAuthorizedAndUpdateAuthorized() {
        String body = "<AuthorizerAppid><![CDATA[wxauthorizer]]></AuthorizerAppid>"
                + "<AuthorizationCode><![CDATA[queryauthcode@@@x]]></AuthorizationCode>"
                + "<AuthorizationCodeExpiredTime>1413196205</AuthorizationCodeExpiredTime>"
                + "<PreAuthCode><![CDATA[preauthcode@@@y]]></PreAuthCode>";

        ComponentPush authorized = ComponentPushes.parse(push("authorized", body));
        ComponentPush updated = ComponentPushes.parse(push("updateauthorized", body));

        assertThat(authorized)
                .isEqualTo(new AuthorizationPush(
                        "wxcomponent",
                        1413192605L,
                        "authorized",
                        "wxauthorizer",
                        "queryauthcode@@@x",
                        1413196205L,
                        "preauthcode@@@y",
                        authorized.fields()));
        assertThat(updated)
                .isInstanceOfSatisfying(
                        AuthorizationPush.class, u -> assertThat(u.infoType()).isEqualTo("updateauthorized"));
    }

    @Test
    void parsesUnauthorized() {
        ComponentPush p = ComponentPushes.parse(
                push("unauthorized", "<AuthorizerAppid><![CDATA[wxauthorizer]]></AuthorizerAppid>"));

        assertThat(p).isEqualTo(new UnauthorizedPush("wxcomponent", 1413192605L, "wxauthorizer", p.fields()));
    }

    @Test
    void keepsUnknownInfoTypesWithAllTheirFields() {
        ComponentPush p = ComponentPushes.parse(
                push("notify_third_fasteregister", "<status>0</status><info><name><![CDATA[corp]]></name></info>"));

        assertThat(p).isInstanceOf(UnknownComponentPush.class);
        assertThat(p.fields()).containsEntry("status", "0").containsEntry("info.name", "corp");
    }

    @Test
    void refusesAPushWithoutAppId() {
        assertThatThrownBy(() ->
                        ComponentPushes.parse("<xml><CreateTime>1</CreateTime><InfoType>unauthorized</InfoType></xml>"))
                .isInstanceOf(XmlException.class);
    }
}
