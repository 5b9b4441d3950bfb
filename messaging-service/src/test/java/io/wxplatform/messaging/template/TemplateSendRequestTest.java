package io.wxplatform.messaging.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wxplatform.support.web.ApiException;
import io.wxplatform.wechat.api.TemplateMessage;
import io.wxplatform.wechat.api.WeChatLimitException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateSendRequestTest {

    private static TemplateSendRequest request(Map<String, TemplateSendRequest.Value> data) {
        return new TemplateSendRequest("o1", "tpl-1", null, null, data);
    }

    @Test
    void theSendsIdBecomesWeChatsClientMsgId() {
        TemplateMessage message = new TemplateSendRequest(
                        "o1",
                        "tpl-1",
                        "https://example.com",
                        new TemplateSendRequest.MiniProgram("wxmini", "pages/a"),
                        Map.of("keyword1", new TemplateSendRequest.Value("A-1", null)))
                .toWeChat("send-id-1");

        assertThat(message.clientMsgId()).isEqualTo("send-id-1");
        assertThat(message.data()).containsExactlyEntriesOf(Map.of("keyword1", "A-1"));
        assertThat(message.miniProgram()).isEqualTo(new TemplateMessage.MiniProgram("wxmini", "pages/a"));
    }

    @Test
    void missingFieldsAreNamed() {
        assertThatThrownBy(() -> new TemplateSendRequest(
                                " ", null, null, new TemplateSendRequest.MiniProgram("wx", ""), null)
                        .toWeChat(null))
                .isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).fieldErrors().keySet())
                        .containsExactlyInAnyOrder("openId", "templateId", "data", "miniProgram"));
    }

    @Test
    void firstRemarkAndColoursAreRefusedAsWeChatDroppedThem() {
        assertThatThrownBy(() -> request(Map.of("first", new TemplateSendRequest.Value("Hi", null)))
                        .toWeChat(null))
                .isInstanceOf(WeChatLimitException.class)
                .hasMessageContaining("'first'");
        assertThatThrownBy(() -> request(Map.of("remark", new TemplateSendRequest.Value("Bye", null)))
                        .toWeChat(null))
                .isInstanceOf(WeChatLimitException.class)
                .hasMessageContaining("'remark'");
        assertThatThrownBy(() -> request(Map.of("keyword1", new TemplateSendRequest.Value("A", "#FF0000")))
                        .toWeChat(null))
                .isInstanceOf(WeChatLimitException.class)
                .extracting(e -> ((WeChatLimitException) e).limit())
                .isEqualTo("template-colour");
    }
}
