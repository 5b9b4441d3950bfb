package io.wxplatform.events;

import io.wxplatform.wechat.protocol.ComponentPushes;
import io.wxplatform.wechat.protocol.InboundMessages;
import java.time.Instant;

/** Callbacks as WeChat sends them (after decryption), for the tests. */
final class Samples {

    static final String APP_ID = "wx5823bf96d3bd56c7";
    static final String TENANT_ID = "acme";
    static final Instant RECEIVED_AT = Instant.parse("2026-03-01T10:00:00.123Z");

    static final String TEXT_XML = """
            <xml><ToUserName><![CDATA[gh_97417a04a28d]]></ToUserName>
            <FromUserName><![CDATA[o9AgO5Kd5ggOC-bXrbNODIiE3bGY]]></FromUserName>
            <CreateTime>1714112445</CreateTime><MsgType><![CDATA[text]]></MsgType>
            <Content><![CDATA[你好 world]]></Content><MsgId>24582946351324</MsgId>
            <BizExtra><![CDATA[kept]]></BizExtra></xml>""";

    static final String QR_SUBSCRIBE_XML = """
            <xml><ToUserName><![CDATA[gh_97417a04a28d]]></ToUserName>
            <FromUserName><![CDATA[o9AgO5Kd5ggOC-bXrbNODIiE3bGY]]></FromUserName>
            <CreateTime>1714112500</CreateTime><MsgType><![CDATA[event]]></MsgType>
            <Event><![CDATA[subscribe]]></Event><EventKey><![CDATA[qrscene_123]]></EventKey>
            <Ticket><![CDATA[TICKET]]></Ticket></xml>""";

    static final String CLICK_XML = """
            <xml><ToUserName><![CDATA[gh_97417a04a28d]]></ToUserName>
            <FromUserName><![CDATA[o9AgO5Kd5ggOC-bXrbNODIiE3bGY]]></FromUserName>
            <CreateTime>1714112600</CreateTime><MsgType><![CDATA[event]]></MsgType>
            <Event><![CDATA[CLICK]]></Event><EventKey><![CDATA[MENU_HELP]]></EventKey></xml>""";

    static final String VERIFY_TICKET_XML = """
            <xml><AppId>wxcomponent01</AppId><CreateTime>1413192605</CreateTime>
            <InfoType>component_verify_ticket</InfoType>
            <ComponentVerifyTicket>ticket@@@secretish</ComponentVerifyTicket></xml>""";

    static final String AUTHORIZED_XML = """
            <xml><AppId>wxcomponent01</AppId><CreateTime>1413192760</CreateTime><InfoType>authorized</InfoType>
            <AuthorizerAppid>wxauthorizer9</AuthorizerAppid><AuthorizationCode>code</AuthorizationCode>
            <AuthorizationCodeExpiredTime>1413196360</AuthorizationCodeExpiredTime>
            <PreAuthCode>preauth</PreAuthCode></xml>""";

    private Samples() {}

    static InboundEvent inbound(String xml) {
        return InboundEvent.of(TENANT_ID, APP_ID, InboundMessages.parse(xml), RECEIVED_AT);
    }

    static ComponentEvent component(String xml) {
        return ComponentEvent.of(ComponentPushes.parse(xml), RECEIVED_AT);
    }
}
