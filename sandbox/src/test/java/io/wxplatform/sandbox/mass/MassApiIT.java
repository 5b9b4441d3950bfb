package io.wxplatform.sandbox.mass;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wxplatform.sandbox.SandboxITSupport;
import io.wxplatform.sandbox.follower.FakePlatform;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.web.reactive.function.BodyInserters;

class MassApiIT extends SandboxITSupport {

    private FakePlatform platform;

    @AfterEach
    void stopPlatform() {
        if (platform != null) {
            platform.close();
        }
    }

    private String account(String type, boolean verified) {
        platform = new FakePlatform();
        Map<String, Object> account = account(APP_ID);
        account.put("callbackUrl", platform.url());
        account.put("type", type);
        account.put("verified", verified);
        createAccount(account);
        return accessToken();
    }

    /** {@code count} followers {@code prefix}000…, with WeChat's star tag (2) when {@code tagged}. */
    private void followers(String prefix, int count, boolean tagged) {
        http.post()
                .uri("/sandbox/accounts/{a}/followers/bulk", APP_ID)
                .bodyValue(
                        tagged
                                ? Map.of("count", count, "openIdPrefix", prefix, "tagIds", List.of(2))
                                : Map.of("count", count, "openIdPrefix", prefix))
                .exchange()
                .expectStatus()
                .isCreated();
    }

    private static String openId(String prefix, int index) {
        String number = String.valueOf(index);
        return prefix + "0".repeat(28 - prefix.length() - number.length()) + number;
    }

    private Map<String, Object> sendAll(String token, Map<String, Object> filter, String clientMsgId) {
        return postJson(
                "/cgi-bin/message/mass/sendall?access_token=" + token,
                Map.of(
                        "filter",
                        filter,
                        "msgtype",
                        "text",
                        "text",
                        Map.of("content", "Sale today"),
                        "clientmsgid",
                        clientMsgId));
    }

    private List<Map<String, Object>> massInbox(String openId) {
        return http
                .get()
                .uri("/sandbox/accounts/{a}/followers/{o}/inbox", APP_ID, openId)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBodyList(JSON)
                .returnResult()
                .getResponseBody()
                .stream()
                .filter(entry -> "MASS".equals(entry.get("source")))
                .toList();
    }

    @Test
    void aSendToATagReachesItsFollowersOnceAndReportsItsCounts() {
        String token = account("SERVICE", true);
        followers("oTag", 3, true);
        followers("oOther", 2, false);

        Map<String, Object> sent = sendAll(token, Map.of("is_to_all", false, "tag_id", 2), "job-1:0");

        assertThat(sent).containsEntry("errcode", 0).containsKey("msg_id");
        assertThat(massInbox(openId("oTag", 0)))
                .singleElement()
                .satisfies(entry ->
                        assertThat(entry).containsEntry("msgType", "text").containsEntry("content", "Sale today"));
        assertThat(massInbox(openId("oOther", 0))).isEmpty();
        String finish = await().atMost(Duration.ofSeconds(10))
                .until(
                        () -> platform.received().stream()
                                .map(FakePlatform.Received::body)
                                .filter(body -> body.contains("MASSSENDJOBFINISH"))
                                .findFirst(),
                        java.util.Optional::isPresent)
                .orElseThrow();
        assertThat(finish)
                .contains("<MsgID>" + sent.get("msg_id") + "</MsgID>")
                .contains("<TotalCount>3</TotalCount>")
                .contains("<SentCount>3</SentCount>");

        // The same clientmsgid: within a minute 45066, later 45065 with the first msg_id; nothing sent again.
        assertThat(errcode(sendAll(token, Map.of("is_to_all", false, "tag_id", 2), "job-1:0")))
                .isEqualTo(45066);
        advanceClock(61);
        assertThat(sendAll(token, Map.of("is_to_all", true), "job-1:0"))
                .containsEntry("errcode", 45065)
                .containsEntry("msg_id", sent.get("msg_id"));
        assertThat(massInbox(openId("oTag", 0))).hasSize(1);
        assertThat(massInbox(openId("oOther", 0))).isEmpty();
        // The account's tally says the same for all its followers at once: 3 reached, each once.
        assertThat(getJson("/sandbox/accounts/{a}/inbox-tally?source=MASS", APP_ID))
                .containsExactly(Map.entry("Sale today", Map.of("followers", 3, "deliveries", 3, "twiceOrMore", 0)));
    }

    @Test
    void aSubscriptionAccountSendsOnceADayAndNeverByOpenIdAndAnUnverifiedOneNotAtAll() {
        String token = account("SUBSCRIPTION", true);
        followers("oSub", 2, false);

        assertThat(sendAll(token, Map.of("is_to_all", true), "a:0")).containsEntry("errcode", 0);
        assertThat(errcode(sendAll(token, Map.of("is_to_all", true), "b:0"))).isEqualTo(45009);
        assertThat(errcode(postJson(
                        "/cgi-bin/message/mass/send?access_token=" + token,
                        Map.of(
                                "touser",
                                List.of(openId("oSub", 0), openId("oSub", 1)),
                                "msgtype",
                                "text",
                                "text",
                                Map.of("content", "hi"),
                                "clientmsgid",
                                "c:0"))))
                .isEqualTo(48001);

        platform.close();
        http.post().uri("/sandbox/reset").exchange().expectStatus().isNoContent();
        String unverified = account("SUBSCRIPTION", false);
        assertThat(errcode(sendAll(unverified, Map.of("is_to_all", true), "d:0")))
                .isEqualTo(48001);
    }

    @Test
    void anOpenIdListNeedsTwoFollowersAndArticlesNeedADraftNotANewsMaterial() {
        String token = account("SERVICE", true);
        followers("oList", 2, false);
        String send = "/cgi-bin/message/mass/send?access_token=" + token;
        Map<String, Object> text = Map.of("content", "hi");

        assertThat(errcode(
                        postJson(send, Map.of("touser", List.of(openId("oList", 0)), "msgtype", "text", "text", text))))
                .isEqualTo(40130);
        assertThat(errcode(postJson(
                        send,
                        Map.of("touser", List.of(openId("oList", 0), "oStranger"), "msgtype", "text", "text", text))))
                .isEqualTo(40003);
        List<String> both = List.of(openId("oList", 0), openId("oList", 1));
        assertThat(errcode(postJson(
                        send, Map.of("touser", both, "msgtype", "mpnews", "mpnews", Map.of("media_id", "no-such")))))
                .isEqualTo(40007);
        String material = material(token);
        assertThat(errcode(postJson(
                        send, Map.of("touser", both, "msgtype", "mpnews", "mpnews", Map.of("media_id", material)))))
                .isEqualTo(45103);
        assertThat(errcode(postJson(
                        send, Map.of("touser", both, "msgtype", "text", "text", text, "clientmsgid", "x".repeat(65)))))
                .isEqualTo(45067);
        assertThat(postJson(send, Map.of("touser", both, "msgtype", "text", "text", text, "clientmsgid", "ok:0")))
                .containsEntry("errcode", 0);
        assertThat(massInbox(openId("oList", 1))).hasSize(1);

        // WeChat's largest list, 10,000 openids in one call (about 330 KB of JSON), reaches every one of them.
        followers("oMany", 10_000, false);
        List<String> many =
                IntStream.range(0, 10_000).mapToObj(i -> openId("oMany", i)).toList();
        assertThat(postJson(send, Map.of("touser", many, "msgtype", "text", "text", Map.of("content", "all of you"))))
                .containsEntry("errcode", 0);
        assertThat(getJson("/sandbox/accounts/{a}/inbox-tally?source=MASS", APP_ID))
                .containsEntry("all of you", Map.of("followers", 10_000, "deliveries", 10_000, "twiceOrMore", 0));
    }

    @Test
    void aPreviewReachesOneFollowerAndASentMessageHasAStatus() {
        String token = account("SERVICE", true);
        followers("oPre", 2, false);

        Map<String, Object> preview = postJson(
                "/cgi-bin/message/mass/preview?access_token=" + token,
                Map.of("touser", openId("oPre", 0), "msgtype", "text", "text", Map.of("content", "draft look")));

        assertThat(preview).containsEntry("errcode", 0);
        assertThat(massInbox(openId("oPre", 0)))
                .singleElement()
                .satisfies(entry -> assertThat(entry).containsEntry("content", "draft look"));
        assertThat(massInbox(openId("oPre", 1))).isEmpty();

        Map<String, Object> sent = sendAll(token, Map.of("is_to_all", true), "s:0");
        assertThat(postJson("/cgi-bin/message/mass/get?access_token=" + token, Map.of("msg_id", sent.get("msg_id"))))
                .containsEntry("msg_status", "SEND_SUCCESS");
        // A text message cannot be deleted (only articles and videos can).
        assertThat(errcode(postJson(
                        "/cgi-bin/message/mass/delete?access_token=" + token,
                        Map.of("msg_id", sent.get("msg_id"), "article_idx", 0))))
                .isEqualTo(40008);
        assertThat(errcode(postJson("/cgi-bin/message/mass/get?access_token=" + token, Map.of("msg_id", 1))))
                .isEqualTo(40097);
    }

    /** A permanent image material: what a news material's media_id looked like before drafts. */
    private String material(String token) {
        MultipartBodyBuilder parts = new MultipartBodyBuilder();
        parts.part("media", new ByteArrayResource(new byte[] {1, 2, 3}) {
                    @Override
                    public String getFilename() {
                        return "cover.png";
                    }
                })
                .filename("cover.png");
        return (String) http.post()
                .uri("/cgi-bin/material/add_material?type=image&access_token=" + token)
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .body(BodyInserters.fromMultipartData(parts.build()))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody()
                .get("media_id");
    }
}
