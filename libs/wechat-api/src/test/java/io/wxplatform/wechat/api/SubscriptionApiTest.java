package io.wxplatform.wechat.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code wechat.subscriptions()} against a real HTTP server standing in for WeChat. */
class SubscriptionApiTest {

    private static final String APP_ID = "wx0123456789abcdef";
    private static final String TOKEN = "ACCESS-TOKEN-0123456789";

    private final JsonMapper json = JsonMapper.builder().build();
    private final FakeWeChat wechat = new FakeWeChat();
    private final SubscriptionApi subscriptions =
            WeChatClient.create(WeChatClientConfig.of(wechat.baseUrl())).subscriptions();

    @AfterEach
    void stop() {
        wechat.close();
    }

    @Test
    void aSendPostsWeChatsShapeAndCompletesWithoutAMsgIdAsWeChatAnswersNone() {
        String msgId = subscriptions
                .send(
                        APP_ID,
                        TOKEN,
                        new SubscriptionMessage(
                                "oF1",
                                "tpl-1",
                                "https://example.com/orders/1",
                                new SubscriptionMessage.MiniProgram("wxmini", "pages/order?id=1"),
                                Map.of("thing1", "Coffee")))
                .block();

        assertThat(msgId).isNull();
        assertThat(wechat.lastRequest().uri()).isEqualTo("/cgi-bin/message/subscribe/bizsend?access_token=" + TOKEN);
        JsonNode body = json.readTree(wechat.lastRequest().body());
        assertThat(body.path("touser").asString()).isEqualTo("oF1");
        assertThat(body.path("template_id").asString()).isEqualTo("tpl-1");
        assertThat(body.path("page").asString()).isEqualTo("https://example.com/orders/1");
        assertThat(body.path("miniprogram").path("appid").asString()).isEqualTo("wxmini");
        assertThat(body.path("data").path("thing1").path("value").asString()).isEqualTo("Coffee");
    }

    @Test
    void aFollowerWithoutConsentIsWeChats43101() {
        wechat.answer("{\"errcode\":43101,\"errmsg\":\"user refuse to accept the msg\"}");

        assertThatThrownBy(() -> subscriptions
                        .send(APP_ID, TOKEN, new SubscriptionMessage("oF1", "tpl-1", null, null, Map.of("a", "b")))
                        .block())
                .isInstanceOfSatisfying(
                        WeChatApiException.class,
                        error -> assertThat(error.errcode()).isEqualTo(SubscriptionApi.USER_REFUSED));
    }

    @Test
    void templatesAreAddedByTidAndKeywordIdsAndListedWithTheirType() {
        wechat.answer("{\"errcode\":0,\"errmsg\":\"ok\",\"priTmplId\":\"pri-1\"}");

        assertThat(subscriptions
                        .add(APP_ID, TOKEN, "1001", List.of(3, 1), "orders")
                        .block())
                .isEqualTo("pri-1");
        JsonNode body = json.readTree(wechat.lastRequest().body());
        assertThat(wechat.lastRequest().uri()).isEqualTo("/wxaapi/newtmpl/addtemplate?access_token=" + TOKEN);
        assertThat(body.path("tid").asString()).isEqualTo("1001");
        assertThat(body.path("kidList").toString()).isEqualTo("[3,1]");
        assertThat(body.path("sceneDesc").asString()).isEqualTo("orders");

        wechat.answer("{\"errcode\":0,\"errmsg\":\"ok\",\"data\":[{\"priTmplId\":\"pri-1\",\"title\":\"Order\","
                + "\"content\":\"c\",\"example\":\"e\",\"type\":3}]}");
        assertThat(subscriptions.list(APP_ID, TOKEN).block())
                .containsExactly(new SubscriptionTemplate("pri-1", "Order", "c", "e", 3));
        assertThat(wechat.lastRequest().uri()).startsWith("/wxaapi/newtmpl/gettemplate?");
    }
}
