package io.wxplatform.wechat.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code wechat.media()} against a real HTTP server standing in for WeChat. */
class MediaApiTest {

    private static final String APP_ID = "wx0123456789abcdef";
    private static final String TOKEN = "ACCESS-TOKEN-0123456789";

    private final FakeWeChat wechat = new FakeWeChat();
    private final MediaApi media =
            WeChatClient.create(WeChatClientConfig.of(wechat.baseUrl())).media();

    @AfterEach
    void stop() {
        wechat.close();
    }

    @Test
    void anUploadIsAMultipartMediaFieldAndAnswersTheMediaIdAndExpiry() {
        wechat.answer("{\"type\":\"image\",\"media_id\":\"MEDIA1\",\"created_at\":1700000000}");

        UploadedMedia uploaded = media.upload(APP_ID, TOKEN, MediaKind.IMAGE, "cat.png", new byte[] {1, 2, 3})
                .block();

        assertThat(uploaded.mediaId()).isEqualTo("MEDIA1");
        assertThat(uploaded.expiresAt()).isEqualTo(Instant.ofEpochSecond(1700000000L + 3 * 24 * 3600));
        assertThat(wechat.lastRequest().uri())
                .startsWith("/cgi-bin/media/upload?")
                .contains("access_token=" + TOKEN, "type=image");
        assertThat(wechat.lastRequest().body()).contains("name=\"media\"", "filename=\"cat.png\"");
    }

    @Test
    void filesWeChatWouldRefuseAreNeverSent() {
        assertThatThrownBy(() -> media.upload(APP_ID, TOKEN, MediaKind.IMAGE, "cat.bmp", new byte[10])
                        .block())
                .isInstanceOf(WeChatLimitException.class)
                .hasMessageContaining("bmp");
        assertThatThrownBy(() -> media.upload(APP_ID, TOKEN, MediaKind.THUMB, "t.jpg", new byte[64 * 1024 + 1])
                        .block())
                .isInstanceOf(WeChatLimitException.class)
                .hasMessageContaining("65537");
        assertThatThrownBy(() -> media.addMaterial(APP_ID, TOKEN, MediaKind.VIDEO, "v.mp4", new byte[10], " ", null)
                        .block())
                .isInstanceOf(WeChatLimitException.class);
        assertThat(wechat.requests()).isEmpty();
    }

    @Test
    void aPermanentVideoCarriesItsDescription() {
        wechat.answer("{\"media_id\":\"V1\"}");

        Material material = media.addMaterial(APP_ID, TOKEN, MediaKind.VIDEO, "v.mp4", new byte[] {1}, "标题", "intro")
                .block();

        assertThat(material.mediaId()).isEqualTo("V1");
        assertThat(wechat.lastRequest().body()).contains("name=\"description\"", "\"title\":\"标题\"");
    }

    @Test
    void aDownloadOfExpiredMediaIsWeChatsError() {
        wechat.answer("{\"errcode\":40007,\"errmsg\":\"invalid media_id\"}");

        assertThatThrownBy(() -> media.download(APP_ID, TOKEN, "OLD").block())
                .isInstanceOfSatisfying(
                        WeChatApiException.class, e -> assertThat(e.errcode()).isEqualTo(40007));
    }
}
