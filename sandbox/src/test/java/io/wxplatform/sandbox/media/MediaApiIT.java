package io.wxplatform.sandbox.media;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxplatform.sandbox.SandboxITSupport;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.web.reactive.function.BodyInserters;

/** Media and materials: bytes kept under the media_id handed out, temporary ones expiring after three days. */
class MediaApiIT extends SandboxITSupport {

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3};

    private String token;

    private void account(boolean verified) {
        Map<String, Object> account = account(APP_ID);
        account.put("type", "SERVICE");
        account.put("verified", verified);
        createAccount(account);
        token = accessToken();
    }

    @Test
    void temporaryMediaIsServedBackForThreeDays() {
        account(true);
        Map<String, Object> uploaded = upload("/cgi-bin/media/upload?type=image", "cat.png", PNG, null);
        String mediaId = (String) uploaded.get("media_id");
        assertThat(uploaded).containsEntry("type", "image").containsKey("created_at");

        byte[] got = http.get()
                .uri("/cgi-bin/media/get?access_token={t}&media_id={m}", token, mediaId)
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentType("image/png")
                .expectBody(byte[].class)
                .returnResult()
                .getResponseBody();
        assertThat(got).isEqualTo(PNG);

        advanceClock(3 * 24 * 3600 - 1);
        token = accessToken();
        http.get()
                .uri("/cgi-bin/media/get?access_token={t}&media_id={m}", token, mediaId)
                .exchange()
                .expectHeader()
                .contentType("image/png");
        advanceClock(1);
        token = accessToken();
        assertThat(errcode(getJson("/cgi-bin/media/get?access_token={t}&media_id={m}", token, mediaId)))
                .isEqualTo(40007);
    }

    @Test
    void filesWeChatWouldRefuseGetItsErrorCodes() {
        account(true);

        assertThat(errcode(upload("/cgi-bin/media/upload?type=image", "cat.bmp", PNG, null)))
                .isEqualTo(40005);
        assertThat(errcode(upload("/cgi-bin/media/upload?type=thumb", "t.jpg", new byte[64 * 1024 + 1], null)))
                .isEqualTo(40012);
        assertThat(errcode(upload("/cgi-bin/media/upload?type=sticker", "cat.png", PNG, null)))
                .isEqualTo(40004);
        assertThat(errcode(upload("/cgi-bin/material/add_material?type=video", "v.mp4", PNG, null)))
                .isEqualTo(40097);
    }

    @Test
    void permanentMaterialsAreCountedListedFetchedAndDeleted() {
        account(true);
        String image = (String) upload("/cgi-bin/material/add_material?type=image", "a.png", PNG, null)
                .get("media_id");
        String video = (String) upload(
                        "/cgi-bin/material/add_material?type=video",
                        "v.mp4",
                        PNG,
                        "{\"title\":\"标题\",\"introduction\":\"intro\"}")
                .get("media_id");

        assertThat(getJson("/cgi-bin/material/get_materialcount?access_token={t}", token))
                .containsEntry("image_count", 1)
                .containsEntry("video_count", 1);
        Map<String, Object> page = postJson(
                "/cgi-bin/material/batchget_material?access_token=" + token,
                Map.of("type", "image", "offset", 0, "count", 20));
        assertThat(page).containsEntry("total_count", 1);
        assertThat(((List<?>) page.get("item")).toString()).contains(image);
        assertThat(postJson("/cgi-bin/material/get_material?access_token=" + token, Map.of("media_id", video)))
                .containsEntry("title", "标题");

        assertThat(errcode(postJson("/cgi-bin/material/del_material?access_token=" + token, Map.of("media_id", image))))
                .isEqualTo(0);
        assertThat(errcode(postJson("/cgi-bin/material/get_material?access_token=" + token, Map.of("media_id", image))))
                .isEqualTo(40007);
    }

    @Test
    void anUnverifiedAccountMayNotManageMaterials() {
        account(false);

        assertThat(errcode(upload("/cgi-bin/media/upload?type=image", "cat.png", PNG, null)))
                .isEqualTo(48001);
    }

    private Map<String, Object> upload(String uri, String filename, byte[] bytes, String description) {
        MultipartBodyBuilder parts = new MultipartBodyBuilder();
        parts.part("media", new ByteArrayResource(bytes) {
                    @Override
                    public String getFilename() {
                        return filename;
                    }
                })
                .filename(filename);
        if (description != null) {
            parts.part("description", description);
        }
        return http.post()
                .uri(uri + "&access_token=" + token)
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .body(BodyInserters.fromMultipartData(parts.build()))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();
    }
}
