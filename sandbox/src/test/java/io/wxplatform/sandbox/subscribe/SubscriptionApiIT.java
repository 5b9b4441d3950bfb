package io.wxplatform.sandbox.subscribe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wxplatform.sandbox.SandboxITSupport;
import io.wxplatform.sandbox.follower.FakePlatform;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SubscriptionApiIT extends SandboxITSupport {

    private static final String ALICE = "oAlice000000000000000000000";

    private FakePlatform platform;
    private String accessToken;

    @BeforeEach
    void verifiedServiceAccount() {
        platform = new FakePlatform();
        Map<String, Object> account = account(APP_ID);
        account.put("callbackUrl", platform.url());
        account.put("type", "SERVICE");
        account.put("verified", true);
        createAccount(account);
        accessToken = accessToken();
    }

    @AfterEach
    void stopPlatform() {
        platform.close();
    }

    private Map<String, Object> bizsend(String templateId) {
        return postJson(
                "/cgi-bin/message/subscribe/bizsend?access_token=" + accessToken,
                Map.of(
                        "touser",
                        ALICE,
                        "template_id",
                        templateId,
                        "data",
                        Map.of("thing1", Map.of("value", "Coffee"), "phrase2", Map.of("value", "Shipped"))));
    }

    private List<String> received(String event) {
        return platform.received().stream()
                .map(FakePlatform.Received::body)
                .filter(body -> body.contains(event))
                .toList();
    }

    @Test
    void aOneTimeAcceptAllowsOneNotificationWhichWeChatReportsAsSent() {
        followerSays(ALICE, "hello");
        Map<String, Object> added = postJson(
                "/wxaapi/newtmpl/addtemplate?access_token=" + accessToken,
                Map.of("tid", "1001", "kidList", List.of(1, 2), "sceneDesc", "orders"));
        String templateId = (String) added.get("priTmplId");
        assertThat(getJson("/wxaapi/newtmpl/gettemplate?access_token={t}", accessToken)
                        .get("data")
                        .toString())
                .contains(templateId)
                .contains("type=2");
        assertThat(errcode(bizsend(templateId))).as("no accept yet").isEqualTo(43101);

        assertThat(postJson(
                        "/sandbox/accounts/" + APP_ID + "/followers/" + ALICE + "/subscription-popup",
                        Map.of("templateIds", List.of(templateId), "accept", true)))
                .containsEntry("answered", true);
        assertThat(received("subscribe_msg_popup_event"))
                .singleElement()
                .satisfies(body -> assertThat(body).contains("<SubscribeStatusString><![CDATA[accept]]>"));

        assertThat(bizsend(templateId)).containsEntry("errcode", 0).doesNotContainKey("msgid");
        assertThat(errcode(bizsend(templateId))).as("the accept is used up").isEqualTo(43101);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> received("subscribe_msg_sent_event").size() == 1);
        assertThat(received("subscribe_msg_sent_event").get(0))
                .contains("<TemplateId><![CDATA[" + templateId + "]]></TemplateId>")
                .contains("<ErrorCode>0</ErrorCode>");
        assertThat(http.get()
                        .uri("/sandbox/accounts/{a}/followers/{o}/inbox", APP_ID, ALICE)
                        .exchange()
                        .expectBodyList(JSON)
                        .returnResult()
                        .getResponseBody())
                .filteredOn(entry -> "SUBSCRIPTION".equals(entry.get("source")))
                .hasSize(1);
    }

    @Test
    void unknownFollowersTemplatesAndLibraryEntriesAreRefusedAsWeChatDoes() {
        followerSays(ALICE, "hello");
        assertThat(errcode(bizsend("no-such-template"))).isEqualTo(40037);
        assertThat(errcode(postJson(
                        "/cgi-bin/message/subscribe/bizsend?access_token=" + accessToken,
                        Map.of("touser", "oNobody", "template_id", "x", "data", Map.of()))))
                .isEqualTo(40003);
        assertThat(errcode(postJson(
                        "/wxaapi/newtmpl/addtemplate?access_token=" + accessToken,
                        Map.of("tid", "9999", "kidList", List.of(1)))))
                .isEqualTo(200014);
        assertThat(getJson("/wxaapi/newtmpl/getpubtemplatekeywords?access_token={t}&tid=1001", accessToken))
                .containsEntry("count", 3);
    }
}
