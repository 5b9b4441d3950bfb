package io.wxplatform.token.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wxplatform.events.ComponentEvent;
import io.wxplatform.events.EventRecords;
import io.wxplatform.events.KafkaDefaults;
import io.wxplatform.testkit.TestInfrastructure;
import io.wxplatform.testkit.auth.TestIssuer;
import io.wxplatform.token.Fixtures;
import io.wxplatform.token.Sandbox;
import io.wxplatform.token.TestClock;
import io.wxplatform.token.TokenServiceITSupport;
import io.wxplatform.token.account.AccountAttention;
import io.wxplatform.wechat.api.AttentionReason;
import io.wxplatform.wechat.protocol.ComponentPushes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;

/** The operator's view across tenants: accounts by status and attention reason, components by ticket age. */
class OperatorApiIT extends TokenServiceITSupport {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Autowired
    AccountAttention attention;

    @Test
    void accountsAreListedByStatusAndAttentionReasonAcrossTenants() {
        Registered a = registered();
        Registered b = registered();
        String bActive = account(b.tenantId());
        String bBlocked = account(b.tenantId());
        suspend(a);
        suspend(b);
        attention.needsAttention(bBlocked, AttentionReason.IP_NOT_WHITELISTED).block(WAIT);

        List<Map<String, Object>> suspended = everyPage("status=SUSPENDED");
        assertThat(appIds(suspended)).contains(a.appId(), b.appId()).doesNotContain(bActive, bBlocked);
        assertThat(suspended)
                .filteredOn(view -> a.appId().equals(view.get("appId")))
                .singleElement()
                .satisfies(view -> assertThat(view)
                        .containsEntry("tenantId", a.tenantId())
                        .containsEntry("status", "SUSPENDED")
                        .doesNotContainKey("appSecretSet")
                        .extracting(v -> v.get("attentionReason"))
                        .isNull());

        List<Map<String, Object>> blocked = everyPage("attention=IP_NOT_WHITELISTED");
        assertThat(blocked)
                .filteredOn(view -> bBlocked.equals(view.get("appId")))
                .singleElement()
                .satisfies(view -> assertThat(view)
                        .containsEntry("tenantId", b.tenantId())
                        .containsEntry("status", "IP_NOT_WHITELISTED")
                        .containsEntry("attentionReason", "IP_NOT_WHITELISTED"));
        assertThat(appIds(blocked)).doesNotContain(a.appId(), b.appId(), bActive);
        assertThat(appIds(everyPage("attention=ANY"))).contains(bBlocked).doesNotContain(a.appId(), bActive);
        assertThat(appIds(everyPage("status=ACTIVE&status=SUSPENDED")))
                .contains(a.appId(), b.appId(), bActive)
                .doesNotContain(bBlocked);
        assertThat(everyPage("status=ACTIVE&attention=ANY")).isEmpty();
        assertThat(appIds(everyPage(""))).contains(a.appId(), b.appId(), bActive, bBlocked);
    }

    @Test
    void anUnknownStatusOrReasonOrPageIsABadRequestProblem() {
        for (String query : List.of("status=BANANA", "attention=SAD", "status=DELETED", "size=0", "page=-1")) {
            http.get()
                    .uri("/api/v1/operator/accounts?" + query)
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectHeader()
                    .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.code")
                    .isEqualTo("VALIDATION_FAILED");
        }
    }

    @Test
    void aTenantAdminCannotListAccountsAcrossTenants() {
        Registered a = registered();
        asAdminOf(a.tenantId())
                .get()
                .uri("/api/v1/operator/accounts")
                .exchange()
                .expectStatus()
                .isForbidden();
        http.mutate()
                .defaultHeaders(h -> h.setBearerAuth(TestIssuer.shared().mint(a.tenantId(), TestIssuer.TENANT_VIEWER)))
                .build()
                .get()
                .uri("/api/v1/operator/components")
                .exchange()
                .expectStatus()
                .isForbidden();
    }

    @Test
    void componentsAreListedWithTheAgeOfTheirLastVerifyTicket() {
        String waiting = putComponent();
        String ticketed = putComponent();
        publishTicket(ticketed);
        await().atMost(WAIT).until(() -> component(ticketed).get("ticketReceivedAt") != null);

        assertThat(component(waiting))
                .containsEntry("alert", "TICKET_MISSING")
                .containsEntry("appSecretSet", true)
                .extracting(view -> view.get("ticketAgeSeconds"))
                .isNull();
        assertThat(component(ticketed)).containsEntry("alert", "OK");
        assertThat(((Number) component(ticketed).get("ticketAgeSeconds")).longValue())
                .isBetween(0L, 60L);

        TestClock.INSTANCE.advance(Duration.ofMinutes(25));
        try {
            assertThat(component(ticketed)).containsEntry("alert", "TICKET_STALE");
            assertThat(((Number) component(ticketed).get("ticketAgeSeconds")).longValue())
                    .isGreaterThanOrEqualTo(1500);
        } finally {
            TestClock.INSTANCE.advance(Duration.ofMinutes(-25));
        }
    }

    private List<Map<String, Object>> everyPage(String query) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (int page = 0; ; page++) {
            Map<String, Object> answer = http.get()
                    .uri("/api/v1/operator/accounts?size=100&page=" + page + (query.isEmpty() ? "" : "&" + query))
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody(JSON_MAP)
                    .returnResult()
                    .getResponseBody();
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> found = (List<Map<String, Object>>) answer.get("items");
            items.addAll(found);
            if (found.isEmpty() || items.size() >= ((Number) answer.get("total")).longValue()) {
                return items;
            }
        }
    }

    private static List<Object> appIds(List<Map<String, Object>> views) {
        return views.stream().map(view -> view.get("appId")).toList();
    }

    private String account(String tenantId) {
        String appId = Fixtures.appId();
        String secret = Fixtures.secret();
        String callbackToken = "tok" + Fixtures.hex(4);
        Sandbox.registerAccount(appId, secret, callbackToken, Fixtures.AES_KEY);
        registerAccount(tenantId, Fixtures.account(appId, secret, callbackToken))
                .expectStatus()
                .isCreated();
        return appId;
    }

    private void suspend(Registered owner) {
        http.post()
                .uri("/api/v1/tenants/{t}/accounts/{a}:suspend", owner.tenantId(), owner.appId())
                .exchange()
                .expectStatus()
                .isOk();
    }

    private String putComponent() {
        String componentAppId = Fixtures.appId();
        http.put()
                .uri("/api/v1/components/{c}", componentAppId)
                .bodyValue(Map.of(
                        "appSecret",
                        Fixtures.secret(),
                        "token",
                        "ctok" + Fixtures.hex(4),
                        "encodingAesKey",
                        Fixtures.AES_KEY))
                .exchange()
                .expectStatus()
                .is2xxSuccessful();
        return componentAppId;
    }

    private Map<String, Object> component(String componentAppId) {
        List<Map<String, Object>> components = http.get()
                .uri("/api/v1/operator/components")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON_LIST)
                .returnResult()
                .getResponseBody();
        return components.stream()
                .filter(view -> componentAppId.equals(view.get("componentAppId")))
                .findFirst()
                .orElseThrow(() -> new AssertionError(componentAppId + " is not listed: " + components));
    }

    /** A verify ticket as callback-service makes it durable on wx.component.v1. */
    private static void publishTicket(String componentAppId) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("AppId", componentAppId);
        fields.put("CreateTime", String.valueOf(Instant.now().getEpochSecond()));
        fields.put("InfoType", "component_verify_ticket");
        fields.put("ComponentVerifyTicket", "ticket-" + Fixtures.hex(8));
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(KafkaDefaults.producer(TestInfrastructure.kafkaBootstrapServers()))) {
            producer.send(EventRecords.component(ComponentEvent.of(ComponentPushes.fromFields(fields), Instant.now())))
                    .get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static final ParameterizedTypeReference<List<Map<String, Object>>> JSON_LIST =
            new ParameterizedTypeReference<>() {};
}
