package io.wxplatform.wechat.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code wechat.qrCodes()} against a real HTTP server standing in for WeChat. */
class QrCodeApiTest {

    private static final String APP_ID = "wx0123456789abcdef";
    private static final String TOKEN = "ACCESS-TOKEN-0123456789";
    private static final String ANSWER = "{\"ticket\":\"gQH47joAAAAAAAAAASxodHRwOi8vd2VpeGluLnFxLmNvbS9xL2taZ2Z3TVRt"
            + "NzJXV1Brb3ZhYmJJAAIEZ23sUwMEmm3sUw==\",\"expire_seconds\":60,"
            + "\"url\":\"http://weixin.qq.com/q/kZgfwMTm72WWPkovabbI\"}";

    private final JsonMapper json = JsonMapper.builder().build();
    private final FakeWeChat wechat = new FakeWeChat();
    private final QrCodeApi codes =
            WeChatClient.create(WeChatClientConfig.of(wechat.baseUrl())).qrCodes();

    @AfterEach
    void stop() {
        wechat.close();
    }

    @Test
    void aTemporaryNumericCodeAsksWithItsExpiryAndGivesTheImageUrl() {
        wechat.answer(ANSWER);

        QrCode code = codes.temporary(APP_ID, TOKEN, 4_000_000_000L, 60).block();

        JsonNode body = json.readTree(wechat.lastRequest().body());
        assertThat(body.path("action_name").asString()).isEqualTo("QR_SCENE");
        assertThat(body.path("expire_seconds").asLong()).isEqualTo(60);
        assertThat(body.path("action_info").path("scene").path("scene_id").asLong())
                .isEqualTo(4_000_000_000L);
        assertThat(code.expireSeconds()).isEqualTo(60);
        assertThat(code.imageUrl())
                .startsWith("https://mp.weixin.qq.com/cgi-bin/showqrcode?ticket=gQH47joAAA")
                .endsWith("%3D%3D");
    }

    @Test
    void aPermanentStringCodeHasNoExpiry() {
        wechat.answer(ANSWER);

        codes.permanent(APP_ID, TOKEN, "poster-2026").block();

        JsonNode body = json.readTree(wechat.lastRequest().body());
        assertThat(body.path("action_name").asString()).isEqualTo("QR_LIMIT_STR_SCENE");
        assertThat(body.has("expire_seconds")).isFalse();
        assertThat(body.path("action_info").path("scene").path("scene_str").asString())
                .isEqualTo("poster-2026");
    }

    @Test
    void scenesAndExpiriesOutsideWeChatsRangesAreRefusedBeforeTheCall() {
        assertThatThrownBy(
                        () -> codes.temporary(APP_ID, TOKEN, 0x1_0000_0000L, 60).block())
                .isInstanceOf(WeChatLimitException.class);
        assertThatThrownBy(() -> codes.temporary(APP_ID, TOKEN, 0, 60).block())
                .isInstanceOf(WeChatLimitException.class);
        assertThatThrownBy(() -> codes.temporary(APP_ID, TOKEN, 1, 2_592_001).block())
                .isInstanceOf(WeChatLimitException.class);
        assertThatThrownBy(() -> codes.permanent(APP_ID, TOKEN, 100_001).block())
                .isInstanceOf(WeChatLimitException.class);
        assertThatThrownBy(() -> codes.permanent(APP_ID, TOKEN, "x".repeat(65)).block())
                .isInstanceOf(WeChatLimitException.class);
        assertThat(wechat.requests()).isEmpty();
    }

    @Test
    void theHundredThousandPermanentCodesAllowanceIsWeChatsRefusal() {
        wechat.answer("{\"errcode\":45029,\"errmsg\":\"qrcode count out of limit\"}");

        assertThatThrownBy(() -> codes.permanent(APP_ID, TOKEN, 7).block())
                .isInstanceOfSatisfying(
                        WeChatApiException.class, e -> assertThat(e.errcode()).isEqualTo(45029));
    }
}
