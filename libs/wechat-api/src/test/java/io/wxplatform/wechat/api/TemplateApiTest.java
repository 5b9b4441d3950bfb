package io.wxplatform.wechat.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code wechat.templates()} against a real HTTP server standing in for WeChat. */
class TemplateApiTest {

    private static final String APP_ID = "wx0123456789abcdef";
    private static final String TOKEN = "ACCESS-TOKEN-0123456789";

    private final JsonMapper json = JsonMapper.builder().build();
    private final FakeWeChat wechat = new FakeWeChat();
    private final TemplateApi templates =
            WeChatClient.create(WeChatClientConfig.of(wechat.baseUrl())).templates();

    @AfterEach
    void stop() {
        wechat.close();
    }

    @Test
    void aSendPostsWeChatsShapeAndEmitsTheMsgId() {
        wechat.answer("{\"errcode\":0,\"errmsg\":\"ok\",\"msgid\":200228332}");

        String msgId = templates
                .send(
                        APP_ID,
                        TOKEN,
                        new TemplateMessage(
                                "oF1",
                                "tpl-1",
                                "https://example.com/order/1",
                                new TemplateMessage.MiniProgram("wxmini", "pages/order?id=1"),
                                "send-42",
                                Map.of("thing1", "Order shipped")))
                .block();

        assertThat(msgId).isEqualTo("200228332");
        assertThat(wechat.lastRequest().uri()).isEqualTo("/cgi-bin/message/template/send?access_token=" + TOKEN);
        JsonNode body = json.readTree(wechat.lastRequest().body());
        assertThat(body.path("touser").asString()).isEqualTo("oF1");
        assertThat(body.path("template_id").asString()).isEqualTo("tpl-1");
        assertThat(body.path("client_msg_id").asString()).isEqualTo("send-42");
        assertThat(body.path("miniprogram").path("pagepath").asString()).isEqualTo("pages/order?id=1");
        assertThat(body.path("data").path("thing1").path("value").asString()).isEqualTo("Order shipped");
        assertThat(body.path("data").path("thing1").has("color")).isFalse();
    }

    @Test
    void firstAndRemarkAreRefusedBeforeAnyCall() {
        assertThatThrownBy(() -> new TemplateMessage("oF1", "tpl-1", null, null, null, Map.of("first", "Hello")))
                .isInstanceOf(WeChatLimitException.class)
                .hasMessageContaining("'first'")
                .hasMessageContaining("2023-05-04");
        assertThatThrownBy(() -> new TemplateMessage("oF1", "tpl-1", null, null, null, Map.of("remark", "Bye")))
                .isInstanceOf(WeChatLimitException.class);
        assertThat(wechat.requests()).isEmpty();
    }

    @Test
    void theAccountsTemplatesAreRead() {
        wechat.answer("{\"template_list\":[{\"template_id\":\"tpl-1\",\"title\":\"Order shipped\","
                + "\"primary_industry\":\"IT\",\"deputy_industry\":\"Internet\",\"content\":\"{{thing1.DATA}}\","
                + "\"example\":\"Order 1\"}]}");

        assertThat(templates.list(APP_ID, TOKEN).block())
                .containsExactly(
                        new MessageTemplate("tpl-1", "Order shipped", "IT", "Internet", "{{thing1.DATA}}", "Order 1"));
    }

    @Test
    void aTemplateIsAddedByShortIdWithItsKeywordNames() {
        wechat.answer("{\"errcode\":0,\"errmsg\":\"ok\",\"template_id\":\"tpl-9\"}");

        assertThat(templates
                        .add(APP_ID, TOKEN, "OPENTM0001", List.of("Order", "Time"))
                        .block())
                .isEqualTo("tpl-9");
        JsonNode body = json.readTree(wechat.lastRequest().body());
        assertThat(body.path("template_id_short").asString()).isEqualTo("OPENTM0001");
        assertThat(body.path("keyword_name_list").get(1).asString()).isEqualTo("Time");
    }

    @Test
    void industriesAreReadAndSetByTheirIds() {
        wechat.answer("{\"primary_industry\":{\"first_class\":\"IT\",\"second_class\":\"Internet\"},"
                + "\"secondary_industry\":{\"first_class\":\"IT\",\"second_class\":\"Software\"}}");
        assertThat(templates.industry(APP_ID, TOKEN).block())
                .isEqualTo(new TemplateIndustry(
                        new TemplateIndustry.Industry("IT", "Internet"),
                        new TemplateIndustry.Industry("IT", "Software")));

        templates.setIndustry(APP_ID, TOKEN, 1, 4).block();
        JsonNode body = json.readTree(wechat.lastRequest().body());
        assertThat(body.path("industry_id1").asString()).isEqualTo("1");
        assertThat(body.path("industry_id2").asString()).isEqualTo("4");
    }

    @Test
    void aTemplateOfAnotherAccountIsWeChats40037() {
        wechat.answer("{\"errcode\":40037,\"errmsg\":\"invalid template_id\"}");

        assertThatThrownBy(() -> templates
                        .send(APP_ID, TOKEN, new TemplateMessage("oF1", "other", null, null, null, Map.of()))
                        .block())
                .isInstanceOf(WeChatApiException.class)
                .extracting(e -> ((WeChatApiException) e).errcode())
                .isEqualTo(40037);
    }
}
