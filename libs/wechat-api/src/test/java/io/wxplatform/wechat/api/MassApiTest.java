package io.wxplatform.wechat.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code wechat.mass()} against a real HTTP server standing in for WeChat. */
class MassApiTest {

    private static final String APP_ID = "wx0123456789abcdef";
    private static final String TOKEN = "ACCESS-TOKEN-0123456789";

    private final JsonMapper json = JsonMapper.builder().build();
    private final FakeWeChat wechat = new FakeWeChat();
    private final MassApi mass =
            WeChatClient.create(WeChatClientConfig.of(wechat.baseUrl())).mass();

    @AfterEach
    void stop() {
        wechat.close();
    }

    @Test
    void aSendToATagPostsTheFilterTheMessageAndTheClientMsgId() {
        wechat.answer("{\"errcode\":0,\"errmsg\":\"send job submission success\",\"msg_id\":34182,"
                + "\"msg_data_id\":206227730}");

        MassSendResult result = mass.sendAll(
                        APP_ID, TOKEN, 2L, new MassMessage(MassMessage.Type.MPNEWS, "draft-1", true), "job-1:0")
                .block();

        assertThat(result).isEqualTo(new MassSendResult("34182", "206227730", false));
        assertThat(wechat.lastRequest().uri()).isEqualTo("/cgi-bin/message/mass/sendall?access_token=" + TOKEN);
        JsonNode body = json.readTree(wechat.lastRequest().body());
        assertThat(body.path("filter").path("is_to_all").asBoolean()).isFalse();
        assertThat(body.path("filter").path("tag_id").asLong()).isEqualTo(2L);
        assertThat(body.path("msgtype").asString()).isEqualTo("mpnews");
        assertThat(body.path("mpnews").path("media_id").asString()).isEqualTo("draft-1");
        assertThat(body.path("send_ignore_reprint").asInt()).isEqualTo(1);
        assertThat(body.path("clientmsgid").asString()).isEqualTo("job-1:0");
    }

    @Test
    void aClientMsgIdWeChatAlreadySentIsReportedAsAlreadySentWithTheFirstMsgId() {
        wechat.answer("{\"errcode\":45065,\"errmsg\":\"clientmsgid exist\",\"msg_id\":34182}");

        MassSendResult result = mass.send(APP_ID, TOKEN, List.of("oA", "oB"), MassMessage.text("hi"), "job-1:1")
                .block();

        assertThat(result).isEqualTo(new MassSendResult("34182", null, true));
        JsonNode body = json.readTree(wechat.lastRequest().body());
        assertThat(body.path("touser").size()).isEqualTo(2);
        assertThat(body.path("text").path("content").asString()).isEqualTo("hi");
        assertThat(body.has("send_ignore_reprint")).isFalse();
    }

    @Test
    void otherRefusalsStayErrors() {
        wechat.answer("{\"errcode\":45103,\"errmsg\":\"This API has been unsupported\"}");

        assertThatThrownBy(() -> mass.sendAll(
                                APP_ID, TOKEN, null, new MassMessage(MassMessage.Type.MPNEWS, "news-1", false), "j:0")
                        .block())
                .isInstanceOfSatisfying(
                        WeChatApiException.class,
                        error -> assertThat(error.errcode()).isEqualTo(45103));
    }

    @Test
    void anOpenIdListOutsideTwoToTenThousandOrAnOverlongClientMsgIdIsRefusedBeforeAnyCall() {
        assertThatThrownBy(() -> mass.send(APP_ID, TOKEN, List.of("oA"), MassMessage.text("hi"), "j:0")
                        .block())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> mass.sendAll(APP_ID, TOKEN, null, MassMessage.text("hi"), "x".repeat(65))
                        .block())
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(wechat.requests()).isEmpty();
    }

    @Test
    void previewStatusAndDeleteUseWeChatsShapes() {
        wechat.answer("{\"errcode\":0,\"errmsg\":\"preview success\",\"msg_id\":34183}");
        assertThat(mass.preview(APP_ID, TOKEN, "oA", new MassMessage(MassMessage.Type.WXCARD, "card-1", false))
                        .block())
                .isEqualTo("34183");
        assertThat(json.readTree(wechat.lastRequest().body())
                        .path("wxcard")
                        .path("card_id")
                        .asString())
                .isEqualTo("card-1");

        wechat.answer("{\"msg_id\":34182,\"msg_status\":\"SEND_SUCCESS\"}");
        assertThat(mass.status(APP_ID, TOKEN, "34182").block()).isEqualTo("SEND_SUCCESS");

        wechat.answer("{\"errcode\":0,\"errmsg\":\"ok\"}");
        mass.delete(APP_ID, TOKEN, "34182", 2).block();
        JsonNode body = json.readTree(wechat.lastRequest().body());
        assertThat(body.path("msg_id").asString()).isEqualTo("34182");
        assertThat(body.path("article_idx").asInt()).isEqualTo(2);
    }
}
