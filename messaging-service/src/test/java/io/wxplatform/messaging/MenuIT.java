package io.wxplatform.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxplatform.testkit.Inbound;
import io.wxplatform.testkit.TestInfrastructure;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Custom menus through messaging-service's REST API, pushed to the real sandbox (WeChat) with tokens from the real
 * token-service: validation before any call, read-back, drift, conditional menus and WeChat's permission table.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext // its consumers must not compete with those of another test context
class MenuIT {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};
    private static final Map<String, Object> MUSIC = Map.of("type", "click", "name", "今日歌曲", "key", "V1001_MUSIC");
    private static final Map<String, Object> SEARCH =
            Map.of("type", "view", "name", "搜索", "url", "https://example.com/s?q=1&lang=zh");
    private static final Map<String, Object> MENU =
            Map.of("buttons", List.of(MUSIC, Map.of("name", "菜单", "subButtons", List.of(SEARCH))));

    @LocalServerPort
    int port;

    private WebTestClient sandbox;
    private TestAccount account;
    private WebTestClient messaging;
    private String menu;

    @DynamicPropertySource
    static void dependencies(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", TestInfrastructure::kafkaBootstrapServers);
        registry.add("wxplatform.mongodb.uri", TestInfrastructure::mongoUri);
        registry.add("wxplatform.wechat.base-url", RealDependencies::sandboxUrl);
        registry.add("wxplatform.token-service.url", RealDependencies::tokenServiceUrl);
        registry.add("wxplatform.internal.auth-token", () -> RealDependencies.INTERNAL_AUTH_TOKEN);
        RealDependencies.trustTestIssuer(registry);
    }

    @BeforeAll
    static void topics() {
        Inbound.createTopics();
    }

    @BeforeEach
    void clients() {
        sandbox = TestAccount.client(RealDependencies.sandboxUrl());
    }

    private void registered(String type, boolean verified) {
        account = TypedTestAccount.register(type, verified);
        messaging = account.adminClient("http://localhost:" + port);
        menu = "/api/v1/tenants/" + account.tenantId() + "/accounts/" + account.appId() + "/menu";
        TypedTestAccount.awaitKnown(account, messaging);
    }

    @Test
    void aMenuBreakingWeChatsRulesIsRefusedFieldByFieldWithoutCallingWeChat() {
        registered("SERVICE", true);
        Map<String, Object> bad = Map.of(
                "buttons",
                List.of(
                        Map.of("type", "click", "name", "一二三四五六", "key", "k"),
                        Map.of("type", "view", "name", "v"),
                        Map.of("type", "sparkle", "name", "s"),
                        Map.of("name", "p", "subButtons", List.of(MUSIC, MUSIC, MUSIC, MUSIC, MUSIC, MUSIC))));

        Map<String, Object> problem = messaging
                .put()
                .uri(menu)
                .bodyValue(bad)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();

        assertThat(problem).containsEntry("code", "VALIDATION_FAILED");
        assertThat(((Map<?, ?>) problem.get("errors")).keySet().stream().map(Object::toString))
                .contains("buttons", "buttons[0].name", "buttons[1].url", "buttons[2].type", "buttons[3].subButtons");
        assertThat(sandboxCalls()).noneMatch(api -> api.startsWith("menu/"));
        messaging.get().uri(menu).exchange().expectStatus().isNotFound();
    }

    @Test
    void aMenuIsPushedToWeChatAndReadBackFromIt() {
        registered("SERVICE", true);

        Map<String, Object> stored = put(MENU);

        assertThat(stored.get("pushedAt")).isNotNull();
        Map<String, Object> atWeChat = get(menu + "/wechat");
        Map<?, ?> wechatMenu = (Map<?, ?>) atWeChat.get("menu");
        assertThat(wechatMenu.get("buttons")).isEqualTo(((Map<?, ?>) stored.get("menu")).get("buttons"));
        assertThat(wechatMenu.toString()).contains("今日歌曲", "https://example.com/s?q=1&lang=zh");
        assertThat(get(menu).get("menu")).isEqualTo(stored.get("menu"));
        assertThat(get(menu + "/drift")).containsEntry("inSync", true).containsEntry("menuOpen", true);

        messaging.delete().uri(menu).exchange().expectStatus().isNoContent();
        assertThat(get(menu + "/wechat").get("menu")).isNull();
        messaging.get().uri(menu).exchange().expectStatus().isNotFound();
    }

    @Test
    void driftIsReportedOnceTheMenuIsChangedInWeChatsConsole() {
        registered("SERVICE", true);
        put(MENU);

        sandbox.put()
                .uri("/sandbox/accounts/{appId}/menu", account.appId())
                .bodyValue(Map.of("button", List.of(Map.of("type", "click", "name", "今日歌曲", "key", "CHANGED"))))
                .exchange()
                .expectStatus()
                .isOk();

        Map<String, Object> drift = get(menu + "/drift");
        assertThat(drift).containsEntry("inSync", false);
        assertThat(((List<?>) drift.get("differences")).stream().map(Object::toString))
                .contains(
                        "{path=buttons[0], field=key, expected=V1001_MUSIC, actual=CHANGED}",
                        "{path=buttons[1], field=button, expected=菜单, actual=null}");
    }

    @Test
    void aConditionalMenuIsWhatATaggedFollowerSees() {
        registered("SERVICE", true);
        put(MENU);
        // Two followers; the first carries WeChat's star tag (2).
        sandbox.post()
                .uri("/sandbox/accounts/{appId}/followers/bulk", account.appId())
                .bodyValue(Map.of("count", 1, "openIdPrefix", "oStar", "tagIds", List.of(2)))
                .exchange()
                .expectStatus()
                .isCreated();
        sandbox.post()
                .uri("/sandbox/accounts/{appId}/followers/bulk", account.appId())
                .bodyValue(Map.of("count", 1, "openIdPrefix", "oPlain"))
                .exchange()
                .expectStatus()
                .isCreated();
        String star = "oStar" + "0".repeat(23);
        String plain = "oPlain" + "0".repeat(22);
        Map<String, Object> vip = Map.of("type", "click", "name", "VIP", "key", "VIP_OFFERS");

        Map<String, Object> refused = messaging
                .post()
                .uri(menu + "/conditional")
                .bodyValue(Map.of("buttons", List.of(vip), "matchRule", Map.of("sex", "1")))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();
        assertThat(((Map<?, ?>) refused.get("errors")).get("matchRule.sex").toString())
                .contains("65320");

        Map<String, Object> added = messaging
                .post()
                .uri(menu + "/conditional")
                .bodyValue(Map.of("buttons", List.of(vip), "matchRule", Map.of("tagId", "2")))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();
        String menuId = (String) added.get("menuId");
        assertThat(menuId).isNotBlank();
        assertThat(get(menu).get("conditional").toString()).contains(menuId);

        assertThat(tryMatch(star)).contains("VIP_OFFERS");
        assertThat(tryMatch(plain)).contains("V1001_MUSIC").doesNotContain("VIP_OFFERS");

        messaging
                .delete()
                .uri(menu + "/conditional/" + menuId)
                .exchange()
                .expectStatus()
                .isNoContent();
        assertThat(tryMatch(star)).contains("V1001_MUSIC");
        assertThat(get(menu).get("conditional")).isEqualTo(List.of());
        messaging
                .delete()
                .uri(menu + "/conditional/" + menuId)
                .exchange()
                .expectStatus()
                .isEqualTo(422)
                .expectBody(JSON)
                .value(problem -> assertThat(problem).containsEntry("errcode", 65301));
    }

    @Test
    void anUnverifiedSubscriptionAccountIsRefusedBeforeWeChatIsCalled() {
        registered("SUBSCRIPTION", false);

        messaging
                .put()
                .uri(menu)
                .bodyValue(MENU)
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectBody(JSON)
                .value(problem -> assertThat(problem)
                        .containsEntry("code", "WECHAT_PERMISSION")
                        .containsEntry("apiGroup", "MENUS"));
        assertThat(sandboxCalls()).noneMatch(api -> api.startsWith("menu/"));
    }

    private Map<String, Object> put(Map<String, Object> body) {
        return messaging
                .put()
                .uri(menu)
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();
    }

    private Map<String, Object> get(String uri) {
        return messaging
                .get()
                .uri(uri)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();
    }

    private String tryMatch(String openId) {
        return messaging
                .get()
                .uri(menu + "/try-match?openId={openId}", openId)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody()
                .toString();
    }

    private List<String> sandboxCalls() {
        List<Map<String, Object>> calls = sandbox.get()
                .uri("/sandbox/accounts/{appId}/api-calls", account.appId())
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(new ParameterizedTypeReference<List<Map<String, Object>>>() {})
                .returnResult()
                .getResponseBody();
        return calls.stream().map(call -> (String) call.get("api")).toList();
    }
}
