package io.wxplatform.messaging.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wxplatform.events.AccountEvent;
import io.wxplatform.events.CloudEventHeaders;
import io.wxplatform.events.EventJson;
import io.wxplatform.events.EventRecords;
import io.wxplatform.events.Topics;
import io.wxplatform.events.rules.Reply;
import io.wxplatform.events.rules.ReplyRule;
import io.wxplatform.events.rules.ReplyRuleSet;
import io.wxplatform.events.rules.Trigger;
import io.wxplatform.messaging.MessagingServiceApplication;
import io.wxplatform.messaging.RealDependencies;
import io.wxplatform.testkit.Inbound;
import io.wxplatform.testkit.KafkaProbe;
import io.wxplatform.testkit.TestInfrastructure;
import io.wxplatform.testkit.auth.TestIssuer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The rules API against real MongoDB and Kafka: every change ends as the latest record of the compacted topic. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        // Only the start-up round of the relay, so the restart test sees the start-up publish and nothing else.
        properties = "wxplatform.messaging.rules.relay-interval=1h")
@DirtiesContext // its consumer must not compete with the one of another test context
class ReplyRulesIT {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @LocalServerPort
    int port;

    @Autowired
    RuleStore store;

    private WebTestClient api;
    private String tenantId;
    private String appId;

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
        KafkaProbe.createTopics(Topics.ACCOUNT);
    }

    @BeforeEach
    void freshAccount() {
        tenantId = "tenant-" + UUID.randomUUID().toString().substring(0, 8);
        api = adminOf(tenantId);
        appId = "wx" + String.format("%016x", ThreadLocalRandom.current().nextLong());
        announce(AccountEvent.REGISTERED, tenantId, appId, Instant.now());
        awaitOwned(tenantId, appId);
    }

    @Test
    void everyChangePublishesTheStoredSetAsTheLatestRecordOfTheCompactedTopic() throws Exception {
        try (KafkaProbe topic = KafkaProbe.on(Topics.REPLY_RULES)) {
            String hi = create(Map.of(
                    "order",
                    10,
                    "trigger",
                    Map.of("type", "KEYWORD_EXACT", "keyword", "hi"),
                    "reply",
                    Map.of("type", "TEXT", "content", "hello")));
            assertLatestRecordIsTheStoredSet(topic);

            String orders = create(Map.of(
                    "order",
                    5,
                    "trigger",
                    Map.of("type", "KEYWORD_REGEX", "pattern", "order\\s*\\d+"),
                    "reply",
                    Map.of(
                            "type",
                            "NEWS",
                            "articles",
                            List.of(
                                    Map.of("title", "Track your order", "url", "https://example.com/t"),
                                    Map.of("title", "Returns", "description", "30 days")))));
            ReplyRuleSet two = assertLatestRecordIsTheStoredSet(topic);
            assertThat(two.rules()).extracting(ReplyRule::id).containsExactly(orders, hi);

            api.put()
                    .uri(rule(hi))
                    .bodyValue(Map.of(
                            "order",
                            1,
                            "trigger",
                            Map.of("type", "KEYWORD_CONTAINS", "keyword", "hi"),
                            "reply",
                            Map.of("type", "IMAGE", "mediaId", "media-1")))
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.trigger.type")
                    .isEqualTo("KEYWORD_CONTAINS");
            ReplyRuleSet replaced = assertLatestRecordIsTheStoredSet(topic);
            assertThat(replaced.rules().get(0).reply()).isEqualTo(new Reply.Image("media-1"));

            api.post()
                    .uri(rule(orders) + ":disable")
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.enabled")
                    .isEqualTo(false);
            ReplyRuleSet disabled = assertLatestRecordIsTheStoredSet(topic);
            assertThat(disabled.rules())
                    .filteredOn(r -> r.id().equals(orders))
                    .extracting(ReplyRule::enabled)
                    .containsExactly(false);

            api.post()
                    .uri(rule(orders) + ":enable")
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.enabled")
                    .isEqualTo(true);
            assertLatestRecordIsTheStoredSet(topic);

            api.delete().uri(rule(hi)).exchange().expectStatus().isNoContent();
            assertThat(assertLatestRecordIsTheStoredSet(topic).rules())
                    .extracting(ReplyRule::id)
                    .containsExactly(orders);

            api.delete().uri(rule(orders)).exchange().expectStatus().isNoContent();
            ReplyRuleSet empty = stored();
            assertThat(empty.rules()).isEmpty();
            ConsumerRecord<String, byte[]> tombstone = awaitVersion(topic, empty.version());
            assertThat(tombstone.value()).isNull();
            assertThat(latest(topic)).isSameAs(tombstone);
        }
        assertThat(cleanupPolicy()).isEqualTo(TopicConfig.CLEANUP_POLICY_COMPACT);
    }

    @Test
    void anotherTenantGets404FromEveryRulesEndpoint() {
        String id = create(
                Map.of("trigger", Map.of("type", "SUBSCRIBE"), "reply", Map.of("type", "TEXT", "content", "welcome")));
        Map<String, Object> body =
                Map.of("trigger", Map.of("type", "DEFAULT"), "reply", Map.of("type", "TEXT", "content", "mine now"));
        String base = "/api/v1/tenants/intruder/accounts/" + appId + "/rules";
        WebTestClient api = adminOf("intruder");

        List<WebTestClient.ResponseSpec> answers = List.of(
                api.post().uri(base).bodyValue(body).exchange(),
                api.get().uri(base).exchange(),
                api.get().uri(base + "/" + id).exchange(),
                api.put().uri(base + "/" + id).bodyValue(body).exchange(),
                api.delete().uri(base + "/" + id).exchange(),
                api.post().uri(base + "/" + id + ":enable").exchange(),
                api.post().uri(base + "/" + id + ":disable").exchange());

        answers.forEach(answer -> answer.expectStatus()
                .isNotFound()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("ACCOUNT_NOT_FOUND"));
        assertThat(stored().rules()).singleElement().satisfies(rule -> {
            assertThat(rule.id()).isEqualTo(id);
            assertThat(rule.trigger()).isEqualTo(new Trigger.Subscribe());
        });
    }

    @Test
    void anotherTenantCannotTakeAnAccountBeforeItsOwnerCreatedAnyRule() {
        Map<String, Object> body =
                Map.of("trigger", Map.of("type", "DEFAULT"), "reply", Map.of("type", "TEXT", "content", "mine now"));
        String intruderTenant = "tenant-b-" + UUID.randomUUID().toString().substring(0, 8);
        String intruder = "/api/v1/tenants/" + intruderTenant + "/accounts/" + appId + "/rules";
        WebTestClient intruderApi = adminOf(intruderTenant);

        assertAccountNotFound(intruderApi.post().uri(intruder).bodyValue(body).exchange());
        assertAccountNotFound(intruderApi.get().uri(intruder).exchange());

        String id = create(
                Map.of("trigger", Map.of("type", "SUBSCRIBE"), "reply", Map.of("type", "TEXT", "content", "welcome")));
        assertThat(stored().rules()).extracting(ReplyRule::id).containsExactly(id);
        assertAccountNotFound(intruderApi.get().uri(intruder).exchange());
        assertAccountNotFound(intruderApi.post().uri(intruder).bodyValue(body).exchange());
        assertThat(stored().rules()).extracting(ReplyRule::id).containsExactly(id);
    }

    @Test
    void anAccountTokenServiceNeverAnnouncedIs404AndNoRequestMakesItAnyones() {
        String unknown = "/api/v1/tenants/" + tenantId + "/accounts/wxneverannounced" + appId.substring(2) + "/rules";
        Map<String, Object> body =
                Map.of("trigger", Map.of("type", "SUBSCRIBE"), "reply", Map.of("type", "TEXT", "content", "welcome"));

        assertAccountNotFound(api.post().uri(unknown).bodyValue(body).exchange());
        assertAccountNotFound(api.post().uri(unknown).bodyValue(body).exchange());
        assertAccountNotFound(api.get().uri(unknown).exchange());
        assertAccountNotFound(
                api.get().uri(unknown.replace("/rules", "/messages")).exchange());
    }

    @Test
    void aDeletedAccountIs404ForItsFormerTenant() {
        create(Map.of("trigger", Map.of("type", "SUBSCRIBE"), "reply", Map.of("type", "TEXT", "content", "hi")));

        announce(AccountEvent.DELETED, tenantId, appId, Instant.now().plusSeconds(1));

        await().atMost(DEADLINE)
                .untilAsserted(
                        () -> assertAccountNotFound(api.get().uri(rules()).exchange()));
        assertAccountNotFound(api.post()
                .uri(rules())
                .bodyValue(Map.of(
                        "trigger",
                        Map.of("type", "DEFAULT"),
                        "reply",
                        Map.of("type", "TEXT", "content", "still here?")))
                .exchange());
    }

    @Test
    void anUnknownRuleOfTheOwnAccountIs404() {
        create(Map.of("trigger", Map.of("type", "SUBSCRIBE"), "reply", Map.of("type", "TEXT", "content", "hi")));

        api.get()
                .uri(rule("r_missing"))
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("RULE_NOT_FOUND");
    }

    @Test
    void invalidRulesAreRefusedNamingTheFieldAndNothingIsStored() {
        assertInvalid(
                Map.of(
                        "trigger",
                        Map.of("type", "KEYWORD_REGEX", "pattern", "([a-z"),
                        "reply",
                        Map.of("type", "TEXT", "content", "x")),
                "trigger.pattern");
        assertInvalid(
                Map.of(
                        "trigger",
                        Map.of("type", "KEYWORD_EXACT", "keyword", "  "),
                        "reply",
                        Map.of("type", "TEXT", "content", "x")),
                "trigger.keyword");
        assertInvalid(
                Map.of("trigger", Map.of("type", "KEYWORD_CONTAINS"), "reply", Map.of("type", "TEXT", "content", "x")),
                "trigger.keyword");
        assertInvalid(
                Map.of(
                        "trigger",
                        Map.of("type", "MENU_CLICK", "eventKey", "K"),
                        "reply",
                        Map.of("type", "NEWS", "articles", Collections.nCopies(9, Map.of("title", "t")))),
                "reply.articles");
        assertInvalid(
                Map.of("trigger", Map.of("type", "SOMETIMES"), "reply", Map.of("type", "STICKER")),
                "trigger.type",
                "reply.type");

        assertThat(stored().rules()).isEmpty();
    }

    @Test
    void customerServiceRulesAreRefusedWhenAMessageCannotCarryTheReplyOrTheAccountMayNotSendOne() {
        Map<String, Object> hours = Map.of("type", "KEYWORD_EXACT", "keyword", "hours");
        Map<String, Object> card = Map.of("title", "Open", "url", "https://example.com/hours");
        assertInvalid(
                Map.of(
                        "trigger",
                        hours,
                        "reply",
                        Map.of("type", "NEWS", "articles", List.of(card, card)),
                        "delivery",
                        "CUSTOMER_SERVICE"),
                "reply.articles");
        assertInvalid(
                Map.of("trigger", hours, "reply", Map.of("type", "TEXT", "content", "x"), "delivery", "EMAIL"),
                "delivery");
        assertInvalid(
                Map.of(
                        "trigger",
                        Map.of("type", "MENU_CLICK", "eventKey", "K", "matchVoiceRecognition", true),
                        "reply",
                        Map.of("type", "TEXT", "content", "x")),
                "trigger.matchVoiceRecognition");
        assertThat(stored().rules()).isEmpty();

        // An unverified subscription account may not send customer-service messages (WeChat's permission table).
        String subscription =
                "wx" + String.format("%016x", ThreadLocalRandom.current().nextLong());
        Inbound.send(EventRecords.account(new AccountEvent(
                AccountEvent.REGISTERED,
                tenantId,
                subscription,
                "DIRECT",
                "ACTIVE",
                Instant.now(),
                "SUBSCRIPTION",
                false)));
        awaitOwned(tenantId, subscription);
        Map<String, Object> rule = Map.of(
                "trigger", hours, "reply", Map.of("type", "TEXT", "content", "9 to 5"), "delivery", "CUSTOMER_SERVICE");
        api.post()
                .uri("/api/v1/tenants/" + tenantId + "/accounts/" + subscription + "/rules")
                .bodyValue(rule)
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("WECHAT_PERMISSION");
        api.post()
                .uri("/api/v1/tenants/" + tenantId + "/accounts/" + subscription + "/rules")
                .bodyValue(Map.of("trigger", hours, "reply", Map.of("type", "TEXT", "content", "9 to 5")))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody()
                .jsonPath("$.delivery")
                .isEqualTo("PASSIVE");
    }

    @Test
    void aSetLeftPendingByACrashIsPublishedWhenTheServiceStarts() {
        ReplyRule rule = new ReplyRule(
                "r_crash",
                tenantId,
                appId,
                1,
                true,
                new Trigger.MenuClick("K_HELP"),
                new Reply.Text("help"),
                Instant.parse("2026-03-01T10:00:00Z"));
        // What a change leaves behind when the process dies before Kafka acknowledged it.
        store.markChanged(appId, tenantId).block();
        store.save(rule).block();
        long version = store.markChanged(appId, tenantId).block();

        try (KafkaProbe topic = KafkaProbe.on(Topics.REPLY_RULES);
                ConfigurableApplicationContext restarted = startAnotherInstance()) {
            ConsumerRecord<String, byte[]> record = awaitVersion(topic, version);

            assertThat(EventJson.read(record.value(), ReplyRuleSet.class))
                    .isEqualTo(new ReplyRuleSet(appId, List.of(rule), version));
            assertThat(store.account(appId).block().pending()).isFalse();
        }
    }

    private ConfigurableApplicationContext startAnotherInstance() {
        return new SpringApplicationBuilder(MessagingServiceApplication.class)
                .run(
                        "--server.port=0",
                        "--spring.kafka.bootstrap-servers=" + TestInfrastructure.kafkaBootstrapServers(),
                        "--wxplatform.mongodb.uri=" + TestInfrastructure.mongoUri(),
                        "--wxplatform.wechat.base-url=" + RealDependencies.sandboxUrl(),
                        "--wxplatform.token-service.url=" + RealDependencies.tokenServiceUrl(),
                        "--wxplatform.internal.auth-token=" + RealDependencies.INTERNAL_AUTH_TOKEN,
                        "--wxplatform.messaging.rules.relay-interval=1h");
    }

    /** What token-service publishes when an account changes; the only source of ownership here. */
    private static void announce(String type, String tenant, String app, Instant at) {
        Inbound.send(EventRecords.account(new AccountEvent(
                type, tenant, app, "DIRECT", AccountEvent.DELETED.equals(type) ? "DELETED" : "ACTIVE", at)));
    }

    private void awaitOwned(String tenant, String app) {
        await().atMost(DEADLINE)
                .untilAsserted(() -> adminOf(tenant)
                        .get()
                        .uri("/api/v1/tenants/" + tenant + "/accounts/" + app + "/rules")
                        .exchange()
                        .expectStatus()
                        .isOk());
    }

    private WebTestClient adminOf(String tenant) {
        return WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(30))
                .defaultHeaders(
                        headers -> headers.setBearerAuth(TestIssuer.shared().mint(tenant, TestIssuer.TENANT_ADMIN)))
                .build();
    }

    private static void assertAccountNotFound(WebTestClient.ResponseSpec answer) {
        answer.expectStatus()
                .isNotFound()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("ACCOUNT_NOT_FOUND");
    }

    private void assertInvalid(Map<String, Object> body, String... fields) {
        api.post()
                .uri(rules())
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(Map.class)
                .value(problem -> {
                    assertThat(problem.get("code")).isEqualTo("VALIDATION_FAILED");
                    assertThat(((Map<?, ?>) problem.get("errors"))
                                    .keySet().stream().map(String::valueOf).toList())
                            .containsExactlyInAnyOrder(fields);
                });
    }

    private String create(Map<String, Object> body) {
        Map<?, ?> created = api.post()
                .uri(rules())
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        return (String) created.get("id");
    }

    private ReplyRuleSet stored() {
        byte[] body = api.get()
                .uri(rules())
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(byte[].class)
                .returnResult()
                .getResponseBody();
        return EventJson.read(body, ReplyRuleSet.class);
    }

    /** The record of the stored version arrived, nothing newer for the account follows it, and it equals the set. */
    private ReplyRuleSet assertLatestRecordIsTheStoredSet(KafkaProbe topic) {
        ReplyRuleSet stored = stored();
        ConsumerRecord<String, byte[]> record = awaitVersion(topic, stored.version());
        assertThat(latest(topic)).isSameAs(record);
        assertThat(EventJson.read(record.value(), ReplyRuleSet.class)).isEqualTo(stored);
        return stored;
    }

    private ConsumerRecord<String, byte[]> awaitVersion(KafkaProbe topic, long version) {
        String id = appId + ":rules:" + version;
        return topic.awaitMatching(
                        r -> appId.equals(r.key()) && id.equals(header(r, CloudEventHeaders.ID)), 1, DEADLINE)
                .get(0);
    }

    private ConsumerRecord<String, byte[]> latest(KafkaProbe topic) {
        List<ConsumerRecord<String, byte[]>> mine = topic.drainFor(Duration.ofMillis(300)).stream()
                .filter(r -> appId.equals(r.key()))
                .toList();
        return mine.get(mine.size() - 1);
    }

    private static String cleanupPolicy() throws Exception {
        try (AdminClient admin = AdminClient.create(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers()))) {
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, Topics.REPLY_RULES);
            Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
            return config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value();
        }
    }

    private String rules() {
        return "/api/v1/tenants/" + tenantId + "/accounts/" + appId + "/rules";
    }

    private String rule(String id) {
        return rules() + "/" + id;
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
