package io.wxplatform.sandbox.template;

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

class TemplateApiIT extends SandboxITSupport {

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

    private String addTemplate() {
        Map<String, Object> added = postJson(
                "/cgi-bin/template/api_add_template?access_token=" + accessToken,
                Map.of("template_id_short", "OPENTM0001", "keyword_name_list", List.of("Order", "Status")));
        assertThat(added).containsEntry("errcode", 0);
        return (String) added.get("template_id");
    }

    private Map<String, Object> send(String templateId, String openId, String clientMsgId) {
        return postJson(
                "/cgi-bin/message/template/send?access_token=" + accessToken,
                Map.of(
                        "touser", openId,
                        "template_id", templateId,
                        "client_msg_id", clientMsgId,
                        "data", Map.of("keyword1", Map.of("value", "A-1"))));
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

    private List<String> finishEvents() {
        return platform.received().stream()
                .map(FakePlatform.Received::body)
                .filter(body -> body.contains("TEMPLATESENDJOBFINISH"))
                .toList();
    }

    @Test
    void aSendReachesTheInboxAndItsFinishEventFollows() {
        followerSays(ALICE, "hello");
        String templateId = addTemplate();
        assertThat(getJson("/cgi-bin/template/get_all_private_template?access_token=" + accessToken)
                        .get("template_list"))
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                .hasSize(1);

        Map<String, Object> sent = send(templateId, ALICE, "c-1");

        assertThat(sent).containsEntry("errcode", 0).containsKey("msgid");
        assertThat(inbox(ALICE))
                .anySatisfy(entry ->
                        assertThat(entry).containsEntry("source", "TEMPLATE").containsEntry("msgType", "template"));
        await().atMost(Duration.ofSeconds(10)).until(() -> finishEvents().size() == 1);
        assertThat(finishEvents().get(0)).contains("<MsgID>" + sent.get("msgid") + "</MsgID>");
    }

    @Test
    void aRepeatedClientMsgIdAnswersTheFirstMsgIdAndSendsNothing() {
        followerSays(ALICE, "hello");
        String templateId = addTemplate();

        Object first = send(templateId, ALICE, "c-1").get("msgid");
        Object second = send(templateId, ALICE, "c-1").get("msgid");

        assertThat(second).isEqualTo(first);
        assertThat(inbox(ALICE).stream().filter(e -> "TEMPLATE".equals(e.get("source"))))
                .hasSize(1);
    }

    @Test
    void aFollowerWhoBlockedTemplatesGetsNothingAndTheFinishEventSaysSo() {
        followerSays(ALICE, "hello");
        String templateId = addTemplate();
        http.post()
                .uri("/sandbox/accounts/{a}/followers/{o}/template-block", APP_ID, ALICE)
                .bodyValue(Map.of("blocked", true))
                .exchange()
                .expectStatus()
                .isOk();

        assertThat(send(templateId, ALICE, "c-1")).containsEntry("errcode", 0);

        await().atMost(Duration.ofSeconds(10)).until(() -> finishEvents().size() == 1);
        assertThat(finishEvents().get(0)).contains("failed:user block");
        assertThat(inbox(ALICE)).noneSatisfy(entry -> assertThat(entry).containsEntry("source", "TEMPLATE"));
    }

    @Test
    void weChatsErrorsForTemplateSends() {
        followerSays(ALICE, "hello");
        String templateId = addTemplate();

        assertThat(errcode(send("not-this-accounts", ALICE, "c-1"))).isEqualTo(40037);
        assertThat(errcode(send(templateId, "oNobody", "c-2"))).isEqualTo(40003);
        http.post()
                .uri("/sandbox/accounts/{a}/followers/{o}/events", APP_ID, ALICE)
                .bodyValue(Map.of("event", "unsubscribe"))
                .exchange()
                .expectStatus()
                .isOk();
        assertThat(errcode(send(templateId, ALICE, "c-3"))).isEqualTo(43004);
    }

    @Test
    void onlyVerifiedServiceAccountsMaySendTemplates() {
        Map<String, Object> account = account("wx00000000000000b2");
        account.put("type", "SUBSCRIPTION");
        account.put("verified", true);
        createAccount(account);
        String token = (String) getJson(
                        "/cgi-bin/token?grant_type=client_credential&appid={a}&secret={s}",
                        "wx00000000000000b2",
                        SECRET)
                .get("access_token");

        assertThat(errcode(getJson("/cgi-bin/template/get_all_private_template?access_token=" + token)))
                .isEqualTo(48001);
    }

    @Test
    void industriesAreSetByIdAndReadByName() {
        assertThat(postJson(
                        "/cgi-bin/template/api_set_industry?access_token=" + accessToken,
                        Map.of("industry_id1", "1", "industry_id2", "4")))
                .containsEntry("errcode", 0);

        assertThat(getJson("/cgi-bin/template/get_industry?access_token=" + accessToken))
                .containsEntry("primary_industry", Map.of("first_class", "IT科技", "second_class", "互联网|电子商务"));
        assertThat(errcode(postJson(
                        "/cgi-bin/template/api_set_industry?access_token=" + accessToken,
                        Map.of("industry_id1", "999", "industry_id2", "4"))))
                .isEqualTo(40102);
    }
}
