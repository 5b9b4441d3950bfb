package io.wxplatform.sandbox.qrcode;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxplatform.sandbox.SandboxITSupport;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Parametric QR codes as WeChat issues them, and a follower scanning one (wechat-protocol.md §3). */
class QrCodeIT extends SandboxITSupport {

    private String token;

    @BeforeEach
    void account() {
        createAccount();
        token = accessToken();
    }

    @Test
    void aTemporaryCodeLastsSixtySecondsUnlessToldAndAPermanentOneDoesNotExpire() {
        Map<String, Object> temporary = create(
                Map.of("action_name", "QR_SCENE", "action_info", Map.of("scene", Map.of("scene_id", 4_000_000_000L))));
        assertThat(temporary).containsEntry("expire_seconds", 60).containsKeys("ticket", "url");

        Map<String, Object> permanent = create(Map.of(
                "action_name", "QR_LIMIT_STR_SCENE", "action_info", Map.of("scene", Map.of("scene_str", "poster"))));
        assertThat(permanent).doesNotContainKey("expire_seconds");
        assertThat(create(Map.of(
                        "action_name",
                        "QR_LIMIT_STR_SCENE",
                        "action_info",
                        Map.of("scene", Map.of("scene_str", "poster")))))
                .containsEntry("ticket", permanent.get("ticket"));
    }

    @Test
    void scenesAndExpiriesOutsideWeChatsRangesAreInvalid() {
        assertThat(errcode(create(Map.of(
                        "action_name", "QR_LIMIT_SCENE", "action_info", Map.of("scene", Map.of("scene_id", 100_001))))))
                .isEqualTo(40097);
        assertThat(errcode(create(Map.of(
                        "action_name",
                        "QR_SCENE",
                        "expire_seconds",
                        2_592_001,
                        "action_info",
                        Map.of("scene", Map.of("scene_id", 1))))))
                .isEqualTo(40097);
        assertThat(errcode(create(Map.of(
                        "action_name",
                        "QR_STR_SCENE",
                        "action_info",
                        Map.of("scene", Map.of("scene_str", "x".repeat(65)))))))
                .isEqualTo(40097);
    }

    @Test
    void anUnverifiedAccountMayNotCreateCodes() {
        Map<String, Object> unverified = account(APP_ID);
        unverified.put("verified", false);
        createAccount(unverified);

        assertThat(errcode(create(Map.of(
                        "action_name", "QR_LIMIT_SCENE", "action_info", Map.of("scene", Map.of("scene_id", 1))))))
                .isEqualTo(48001);
    }

    @Test
    void scanningACodeSubscribesANewFollower() {
        String ticket = (String) create(
                        Map.of("action_name", "QR_LIMIT_SCENE", "action_info", Map.of("scene", Map.of("scene_id", 7))))
                .get("ticket");

        http.post()
                .uri("/sandbox/accounts/{a}/followers/{o}/scan", APP_ID, "o-scanner")
                .bodyValue(Map.of("ticket", ticket))
                .exchange()
                .expectStatus()
                .isOk();

        List<?> followers = http.get()
                .uri("/sandbox/accounts/{a}/followers", APP_ID)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(List.class)
                .returnResult()
                .getResponseBody();
        assertThat(followers)
                .anySatisfy(f -> assertThat(((Map<?, ?>) f).get("openId")).isEqualTo("o-scanner"));
        http.post()
                .uri("/sandbox/accounts/{a}/followers/{o}/scan", APP_ID, "o-scanner")
                .bodyValue(Map.of("ticket", "unknown"))
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    private Map<String, Object> create(Map<String, Object> body) {
        return postJson("/cgi-bin/qrcode/create?access_token=" + token, body);
    }
}
