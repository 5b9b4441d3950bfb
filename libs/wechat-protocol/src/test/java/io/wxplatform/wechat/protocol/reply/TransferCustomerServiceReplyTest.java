package io.wxplatform.wechat.protocol.reply;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TransferCustomerServiceReplyTest {

    private static final String HEAD = "<xml><ToUserName><![CDATA[oFollower]]></ToUserName>"
            + "<FromUserName><![CDATA[gh_account]]></FromUserName><CreateTime>12345678</CreateTime>"
            + "<MsgType><![CDATA[transfer_customer_service]]></MsgType>";

    @Test
    void handsTheMessageToAnyAgent() {
        String xml = ReplyRenderer.render(new TransferCustomerServiceReply(null), "oFollower", "gh_account", 12345678L);

        assertThat(xml).isEqualTo(HEAD + "</xml>");
        assertThat(ReplyParser.parse(xml)).isEqualTo(new TransferCustomerServiceReply(null));
    }

    @Test
    void handsTheMessageToTheNamedAgent() {
        String xml = ReplyRenderer.render(
                new TransferCustomerServiceReply("test1@test"), "oFollower", "gh_account", 12345678L);

        assertThat(xml).isEqualTo(HEAD + "<TransInfo><KfAccount><![CDATA[test1@test]]></KfAccount></TransInfo></xml>");
        assertThat(ReplyParser.parse(xml)).isEqualTo(new TransferCustomerServiceReply("test1@test"));
    }

    @Test
    void aBlankAgentMeansAnyAgent() {
        assertThat(new TransferCustomerServiceReply(" ").kfAccount()).isNull();
    }
}
