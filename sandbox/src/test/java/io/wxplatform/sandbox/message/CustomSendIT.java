package io.wxplatform.sandbox.message;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxplatform.sandbox.SandboxITSupport;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CustomSendIT extends SandboxITSupport {

    private static final String ALICE = "oAlice000000000000000000000";

    private String accessToken;

    @BeforeEach
    void accountWithToken() {
        createAccount();
        accessToken = accessToken();
    }

    private List<Map<String, Object>> inbox(String openId) {
        return http.get()
                .uri("/sandbox/accounts/{a}/followers/{o}/inbox", APP_ID, openId)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBodyList(JSON)
                .returnResult()
                .getResponseBody();
    }

    @Test
    void aMessageToAFollowerWhoWroteIsDeliveredToTheInbox() {
        followerSays(ALICE, "hello");

        assertThat(sendText(accessToken, ALICE, "hi Alice"))
                .containsEntry("errcode", 0)
                .containsEntry("errmsg", "ok");
        assertThat(inbox(ALICE))
                .singleElement()
                .satisfies(entry -> assertThat(entry)
                        .containsEntry("source", "CUSTOMER_SERVICE")
                        .containsEntry("msgType", "text")
                        .containsEntry("content", "hi Alice")
                        .containsKey("at"));
    }

    @Test
    void nonTextMessagesKeepTheirPayload() {
        followerSays(ALICE, "hello");

        Map<String, Object> sent = postJson(
                "/cgi-bin/message/custom/send?access_token=" + accessToken,
                Map.of("touser", ALICE, "msgtype", "image", "image", Map.of("media_id", "MEDIA_1")));

        assertThat(sent).containsEntry("errcode", 0);
        assertThat(inbox(ALICE))
                .singleElement()
                .satisfies(entry -> assertThat(entry)
                        .containsEntry("msgType", "image")
                        .containsEntry("payload", Map.of("media_id", "MEDIA_1")));
    }

    @Test
    void theWindowClosesFortyEightHoursAfterTheFollowersLastMessage() {
        followerSays(ALICE, "hello");
        advanceClock(48 * 3600 - 1);
        assertThat(sendText(accessToken(), ALICE, "still in time")).containsEntry("errcode", 0);

        advanceClock(1);
        assertThat(sendText(accessToken(), ALICE, "too late"))
                .containsEntry("errcode", 45015)
                .containsEntry("errmsg", "response out of time limit or subscription is canceled");
        followerSays(ALICE, "back again");
        assertThat(sendText(accessToken(), ALICE, "welcome back")).containsEntry("errcode", 0);
    }

    @Test
    void aSubscribeAllowsThreeMessagesWithinAMinute() {
        postJson("/sandbox/accounts/" + APP_ID + "/followers/" + ALICE + "/events", Map.of("event", "subscribe"));

        for (int i = 0; i < 3; i++) {
            assertThat(sendText(accessToken, ALICE, "welcome " + i)).containsEntry("errcode", 0);
        }
        assertThat(sendText(accessToken, ALICE, "one too many")).containsEntry("errcode", 45047);
        advanceClock(60);
        assertThat(sendText(accessToken(), ALICE, "late")).containsEntry("errcode", 45015);
    }

    @Test
    void unknownFollowersAreInvalidOpenids() {
        assertThat(sendText(accessToken, "o-stranger", "hi"))
                .containsEntry("errcode", 40003)
                .containsEntry("errmsg", "invalid openid");
    }

    @Test
    void anExpiredTokenIsRefused() {
        followerSays(ALICE, "hello");
        advanceClock(7200);

        assertThat(sendText(accessToken, ALICE, "hi")).containsEntry("errcode", 42001);
        assertThat(inbox(ALICE)).isEmpty();
    }

    @Test
    void malformedMessagesGetWeChatsErrors() {
        followerSays(ALICE, "hello");
        String uri = "/cgi-bin/message/custom/send?access_token=" + accessToken;

        assertThat(postJson(uri, Map.of("touser", ALICE, "msgtype", "hologram")))
                .containsEntry("errcode", 40008);
        assertThat(postJson(uri, Map.of("touser", ALICE, "msgtype", "text", "text", Map.of())))
                .containsEntry("errcode", 44004);
        assertThat(postJson(uri, Map.of("touser", ALICE, "msgtype", "image", "image", Map.of())))
                .containsEntry("errcode", 40007);
        assertThat(postJson(uri, "not json")).containsEntry("errcode", 47001);
        assertThat(inbox(ALICE)).isEmpty();
    }

    @Test
    void unverifiedAccountsMayNotSendCustomerServiceMessages() {
        http.patch()
                .uri("/sandbox/accounts/{a}", APP_ID)
                .bodyValue(Map.of("verified", false))
                .exchange()
                .expectStatus()
                .isOk();
        followerSays(ALICE, "hello");

        assertThat(sendText(accessToken, ALICE, "hi")).containsEntry("errcode", 48001);
    }

    @Test
    void aFollowerWhoUnsubscribedIsOutsideTheWindow() {
        followerSays(ALICE, "hello");
        postJson("/sandbox/accounts/" + APP_ID + "/followers/" + ALICE + "/events", Map.of("event", "unsubscribe"));

        assertThat(sendText(accessToken, ALICE, "come back")).containsEntry("errcode", 45015);
        assertThat(inbox(ALICE)).noneMatch(entry -> "CUSTOMER_SERVICE".equals(entry.get("source")));
    }

    @Test
    void theTypingIndicatorReachesTheFollowerInsideTheWindowOnly() {
        String uri = "/cgi-bin/message/custom/typing?access_token=" + accessToken;
        assertThat(postJson(uri, Map.of("touser", ALICE, "command", "Typing"))).containsEntry("errcode", 40003);
        followerSays(ALICE, "hello");

        assertThat(postJson(uri, Map.of("touser", ALICE, "command", "Typing"))).containsEntry("errcode", 0);
        assertThat(postJson(uri, Map.of("touser", ALICE, "command", "CancelTyping")))
                .containsEntry("errcode", 0);
        assertThat(postJson(uri, Map.of("touser", ALICE, "command", "Dancing"))).containsEntry("errcode", 40097);
        assertThat(inbox(ALICE))
                .filteredOn(entry -> "TYPING".equals(entry.get("source")))
                .extracting(entry -> entry.get("msgType"))
                .containsExactly("Typing", "CancelTyping");

        advanceClock(48 * 3600);
        assertThat(postJson(
                        "/cgi-bin/message/custom/typing?access_token=" + accessToken(),
                        Map.of("touser", ALICE, "command", "Typing")))
                .containsEntry("errcode", 45015);
    }

    @Test
    void everyCustomerServiceKindReachesTheInbox() {
        followerSays(ALICE, "hello");
        String uri = "/cgi-bin/message/custom/send?access_token=" + accessToken;
        Map<String, Map<String, Object>> kinds = Map.of(
                "video", Map.of("media_id", "V", "thumb_media_id", "T"),
                "music", Map.of("musicurl", "http://m", "hqmusicurl", "http://hq", "thumb_media_id", "T"),
                "news", Map.of("articles", List.of(Map.of("title", "t", "url", "https://example.com"))),
                "mpnews", Map.of("media_id", "D"),
                "msgmenu", Map.of("head_content", "h", "list", List.of(Map.of("id", "1", "content", "Yes"))),
                "miniprogrampage", Map.of("title", "t", "appid", "wxmini", "pagepath", "p", "thumb_media_id", "T"));

        kinds.forEach(
                (type, payload) -> assertThat(postJson(uri, Map.of("touser", ALICE, "msgtype", type, type, payload)))
                        .containsEntry("errcode", 0));
        assertThat(inbox(ALICE))
                .extracting(entry -> entry.get("msgType"))
                .containsExactlyInAnyOrderElementsOf(kinds.keySet());
    }
}
