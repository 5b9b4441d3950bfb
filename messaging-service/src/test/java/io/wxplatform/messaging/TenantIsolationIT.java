package io.wxplatform.messaging;

import static org.awaitility.Awaitility.await;

import io.wxplatform.events.AccountEvent;
import io.wxplatform.events.EventRecords;
import io.wxplatform.events.Topics;
import io.wxplatform.testkit.Inbound;
import io.wxplatform.testkit.InboundEvents;
import io.wxplatform.testkit.KafkaProbe;
import io.wxplatform.testkit.TestInfrastructure;
import io.wxplatform.testkit.auth.Endpoint;
import io.wxplatform.testkit.auth.Endpoints;
import io.wxplatform.testkit.auth.TenantIsolation;
import io.wxplatform.testkit.auth.TestIssuer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;

/** Every REST endpoint of messaging-service, probed with tenant A's, B's viewer's and no token for B's account. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "wxplatform.messaging.rules.relay-interval=1h")
@DirtiesContext // its consumers must not compete with those of another test context
class TenantIsolationIT {

    private static final String RULES = "/api/v1/tenants/{tenantId}/accounts/{appId}/rules";
    private static final String MESSAGES = "/api/v1/tenants/{tenantId}/accounts/{appId}/messages";
    private static final String MENU = "/api/v1/tenants/{tenantId}/accounts/{appId}/menu";
    private static final String MEDIA = "/api/v1/tenants/{tenantId}/accounts/{appId}/media";
    private static final String MATERIALS = "/api/v1/tenants/{tenantId}/accounts/{appId}/materials";
    private static final String ACCOUNT = "/api/v1/tenants/{tenantId}/accounts/{appId}";

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

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

    @Test
    void tenantAGetsNothingOfTenantBFromAnyEndpoint() {
        // B's account is registered with the sandbox and token-service (which announces it): the template reads call
        // WeChat for the owner's viewer.
        TestAccount b = TestAccount.register();
        String owner = b.tenantId();
        String attacker = "tenant-a-" + UUID.randomUUID().toString().substring(0, 8);
        String appId = b.appId();
        announce(attacker, appId());
        String rules = "/api/v1/tenants/" + owner + "/accounts/" + appId + "/rules";
        WebTestClient ownerAdmin = WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(30))
                .defaultHeaders(h -> h.setBearerAuth(TestIssuer.shared().mint(owner, TestIssuer.TENANT_ADMIN)))
                .build();
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() ->
                        ownerAdmin.get().uri(rules).exchange().expectStatus().isOk());
        Map<String, Object> rule = Map.of(
                "trigger",
                Map.of("type", "KEYWORD_EXACT", "keyword", "b-only-keyword"),
                "reply",
                Map.of("type", "TEXT", "content", "b-only-reply"));
        String ruleId = (String) ownerAdmin
                .post()
                .uri(rules)
                .bodyValue(rule)
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("id");
        String one = rules + "/" + ruleId;
        String account = "/api/v1/tenants/" + owner + "/accounts/" + appId;
        String messages = account + "/messages";
        Map<String, Object> send =
                Map.of("openId", "o-b-follower", "msgType", "text", "text", Map.of("content", "b-only-text"));
        // The follower wrote, so the owner's send is accepted (and stored) once messaging-service saw the message.
        Inbound.publish(new InboundEvents(owner, appId)
                .text("o-b-follower", Instant.now().getEpochSecond(), "hi"));
        String messageId = (String) await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> ownerAdmin
                                .post()
                                .uri(messages + "/custom")
                                .bodyValue(send)
                                .exchange()
                                .expectBody(Map.class)
                                .returnResult(),
                        result -> result.getStatus().value() == 202)
                .getResponseBody()
                .get("id");

        Map<String, Object> massSend =
                Map.of("toAll", true, "msgType", "text", "text", Map.of("content", "b-only-text"));
        String massJob = (String) ownerAdmin
                .post()
                .uri(account + "/mass-sends")
                .bodyValue(massSend)
                .exchange()
                .expectStatus()
                .isAccepted()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("id");
        String mass = account + "/mass-sends";

        TenantIsolation.against("http://localhost:" + port)
                .owner(owner)
                .attacker(attacker)
                .inventory(Endpoints.of(mappings).stream()
                        .filter(endpoint -> !content(endpoint) && !agentsOrSubscriptions(endpoint))
                        .toList())
                .neverShown("b-only-keyword", "b-only-reply", "updatedAt", "b-only-text")
                .read("GET " + RULES, rules)
                .read("GET " + RULES + "/{ruleId}", one)
                .read(
                        "GET /api/v1/tenants/{tenantId}/accounts/{appId}/messages",
                        "/api/v1/tenants/" + owner + "/accounts/" + appId + "/messages")
                .read("GET " + MESSAGES + "/{messageId}", messages + "/" + messageId)
                .write("POST " + MESSAGES + "/custom", messages + "/custom", send)
                .write(
                        "POST " + MESSAGES + "/typing",
                        messages + "/typing",
                        Map.of("openId", "o-b-follower", "typing", true))
                .write("POST " + RULES, rules, rule)
                .write("PUT " + RULES + "/{ruleId}", one, rule)
                .write("POST " + RULES + "/{ruleId}:disable", one + ":disable", null)
                .write("POST " + RULES + "/{ruleId}:enable", one + ":enable", null)
                .write("DELETE " + RULES + "/{ruleId}", one, null)
                .read("GET " + ACCOUNT + "/templates", account + "/templates")
                .read("GET " + ACCOUNT + "/template-industry", account + "/template-industry")
                .read("GET " + ACCOUNT + "/templates/{templateId}/deliveries", account + "/templates/tpl-b/deliveries")
                .write(
                        "POST " + ACCOUNT + "/templates",
                        account + "/templates",
                        Map.of("shortId", "OPENTM1", "keywordNames", List.of("Order")))
                .write("DELETE " + ACCOUNT + "/templates/{templateId}", account + "/templates/tpl-b", null)
                .write(
                        "PUT " + ACCOUNT + "/template-industry",
                        account + "/template-industry",
                        Map.of("primaryId", 1, "secondaryId", 4))
                .read("GET " + ACCOUNT + "/mass-sends", mass)
                .read("GET " + ACCOUNT + "/mass-sends/{jobId}", mass + "/" + massJob)
                .read("GET " + ACCOUNT + "/mass-sends/{jobId}/wechat-status", mass + "/" + massJob + "/wechat-status")
                .write("POST " + ACCOUNT + "/mass-sends", mass, massSend)
                .write(
                        "POST " + ACCOUNT + "/mass-sends/preview",
                        mass + "/preview",
                        Map.of("openId", "o-b-follower", "msgType", "text", "text", Map.of("content", "b-only-text")))
                .write("DELETE " + ACCOUNT + "/mass-sends/{jobId}", mass + "/" + massJob, null)
                .write(
                        "POST " + MESSAGES + "/template",
                        messages + "/template",
                        Map.of(
                                "openId",
                                "o-b-follower",
                                "templateId",
                                "tpl-b",
                                "data",
                                Map.of("keyword1", Map.of("value", "b-only-text"))))
                .verify();
    }

    /**
     * Menus and media call WeChat on every read, so tenant B's account is a real one (sandbox and token-service)
     * holding a menu, a follower, media, materials, a draft and its publish job.
     */
    @Test
    void tenantAGetsNothingOfTenantBsMenusMediaOrDrafts() {
        String attacker = "tenant-a-" + UUID.randomUUID().toString().substring(0, 8);
        announce(attacker, appId());
        TestAccount owner = TestAccount.register();
        WebTestClient ownerAdmin = owner.adminClient("http://localhost:" + port);
        String base = "/api/v1/tenants/" + owner.tenantId() + "/accounts/" + owner.appId();
        TypedTestAccount.awaitKnown(owner, ownerAdmin);
        Map<String, Object> menu =
                Map.of("buttons", List.of(Map.of("type", "click", "name", "b-only-button", "key", "B_ONLY_KEY")));
        ownerAdmin
                .put()
                .uri(base + "/menu")
                .bodyValue(menu)
                .exchange()
                .expectStatus()
                .isOk();
        Map<String, Object> conditional = Map.of(
                "buttons", List.of(Map.of("type", "click", "name", "b-vip", "key", "B_VIP")),
                "matchRule", Map.of("tagId", "2"));
        TestAccount.client(RealDependencies.sandboxUrl())
                .post()
                .uri("/sandbox/accounts/{appId}/followers/bulk", owner.appId())
                .bodyValue(Map.of("count", 1, "openIdPrefix", "oIso"))
                .exchange()
                .expectStatus()
                .isCreated();
        String follower = "oIso" + "0".repeat(24);
        String asset = (String) upload(ownerAdmin, base + "/media", "image").get("assetId");
        String material =
                (String) upload(ownerAdmin, base + "/materials", "image").get("mediaId");
        String cover = (String) upload(ownerAdmin, base + "/materials", "image").get("mediaId");
        Map<String, Object> article = Map.of("title", "b-only-title", "content", "<p>b</p>", "thumbMediaId", cover);
        String draft = (String) ownerAdmin
                .post()
                .uri(base + "/drafts")
                .bodyValue(Map.of("articles", List.of(article)))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("mediaId");
        String publication = (String) ownerAdmin
                .post()
                .uri(base + "/drafts/" + draft + "/publication")
                .exchange()
                .expectStatus()
                .isAccepted()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("publishId");
        // The sandbox publishes on its own shortly after; reading the job follows WeChat's status to its article.
        String published = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> (String) ownerAdmin
                                .get()
                                .uri(base + "/publications/" + publication)
                                .exchange()
                                .expectStatus()
                                .isOk()
                                .expectBody(Map.class)
                                .returnResult()
                                .getResponseBody()
                                .get("articleId"),
                        Objects::nonNull);

        TenantIsolation.against("http://localhost:" + port)
                .owner(owner.tenantId())
                .attacker(attacker)
                .inventory(Endpoints.of(mappings).stream()
                        .filter(TenantIsolationIT::content)
                        .toList())
                .neverShown("b-only-button", "B_ONLY_KEY", "b-only-file.png", "b-only-title")
                .read("GET " + MENU, base + "/menu")
                .read("GET " + MENU + "/wechat", base + "/menu/wechat")
                .read("GET " + MENU + "/drift", base + "/menu/drift")
                .read("GET " + MENU + "/try-match", base + "/menu/try-match?openId=" + follower)
                .write("PUT " + MENU, base + "/menu", menu)
                .write("POST " + MENU + "/conditional", base + "/menu/conditional", conditional)
                .write("DELETE " + MENU + "/conditional/{menuId}", base + "/menu/conditional/1", null)
                .read("GET " + MEDIA, base + "/media")
                .read("GET " + MEDIA + "/{assetId}", base + "/media/" + asset)
                .read("GET " + MEDIA + "/{assetId}/file", base + "/media/" + asset + "/file")
                .read("GET " + MATERIALS, base + "/materials?type=image")
                .read("GET " + MATERIALS + "/count", base + "/materials/count")
                .read("GET " + MATERIALS + "/{mediaId}", base + "/materials/" + material)
                .read("GET " + ACCOUNT + "/drafts", base + "/drafts")
                .read("GET " + ACCOUNT + "/drafts/count", base + "/drafts/count")
                .read("GET " + ACCOUNT + "/drafts/{mediaId}", base + "/drafts/" + draft)
                .read("GET " + ACCOUNT + "/publications/{publishId}", base + "/publications/" + publication)
                .read("GET " + ACCOUNT + "/published", base + "/published")
                .read("GET " + ACCOUNT + "/published/{articleId}", base + "/published/" + published)
                .write("POST " + ACCOUNT + "/drafts", base + "/drafts", Map.of("articles", List.of(article)))
                .write(
                        "PUT " + ACCOUNT + "/drafts/{mediaId}/articles/{index}",
                        base + "/drafts/" + draft + "/articles/0",
                        article)
                .write(
                        "POST " + ACCOUNT + "/drafts/{mediaId}/publication",
                        base + "/drafts/" + draft + "/publication",
                        null)
                .write("DELETE " + ACCOUNT + "/published/{articleId}", base + "/published/b-unknown-article", null)
                .write("POST " + MEDIA, base + "/media", null)
                .write("POST " + MEDIA + "/article-images", base + "/media/article-images", null)
                .write("POST " + MATERIALS, base + "/materials", null)
                .write("DELETE " + MENU, base + "/menu", null)
                .write("DELETE " + MEDIA + "/{assetId}", base + "/media/" + asset, null)
                .write("DELETE " + MATERIALS + "/{mediaId}", base + "/materials/" + material, null)
                .write("DELETE " + ACCOUNT + "/drafts/{mediaId}", base + "/drafts/" + draft, null)
                .verify();
    }

    /**
     * Agents and subscription notifications call WeChat on most reads, so tenant B's account is a real one holding an
     * agent, a follower and a subscription template.
     */
    @Test
    void tenantAGetsNothingOfTenantBsAgentsOrSubscriptions() {
        String attacker = "tenant-a-" + UUID.randomUUID().toString().substring(0, 8);
        announce(attacker, appId());
        TestAccount owner = TestAccount.register();
        WebTestClient ownerAdmin = owner.adminClient("http://localhost:" + port);
        String base = "/api/v1/tenants/" + owner.tenantId() + "/accounts/" + owner.appId();
        TypedTestAccount.awaitKnown(owner, ownerAdmin);
        TestAccount.client(RealDependencies.sandboxUrl())
                .post()
                .uri("/sandbox/accounts/{appId}/followers/bulk", owner.appId())
                .bodyValue(Map.of("count", 1, "openIdPrefix", "oKf"))
                .exchange()
                .expectStatus()
                .isCreated();
        String follower = "oKf" + "0".repeat(25);
        String agent = "bonly@b-account";
        Map<String, Object> agentBody = Map.of("kfAccount", agent, "nickname", "b-only-agent");
        ownerAdmin
                .post()
                .uri(base + "/agents")
                .bodyValue(agentBody)
                .exchange()
                .expectStatus()
                .isCreated();
        Map<String, Object> template = Map.of("tid", "1001", "keywordIds", List.of(1, 2));
        String templateId = (String) ownerAdmin
                .post()
                .uri(base + "/subscription-templates")
                .bodyValue(template)
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("templateId");
        Map<String, Object> notification = Map.of(
                "openId",
                follower,
                "templateId",
                templateId,
                "data",
                Map.of("thing1", Map.of("value", "b-only-text"), "phrase2", Map.of("value", "ok")));

        TenantIsolation.against("http://localhost:" + port)
                .owner(owner.tenantId())
                .attacker(attacker)
                .inventory(Endpoints.of(mappings).stream()
                        .filter(TenantIsolationIT::agentsOrSubscriptions)
                        .toList())
                .neverShown("b-only-agent", "b-only-text")
                .read("GET " + ACCOUNT + "/agents", base + "/agents")
                .read("GET " + ACCOUNT + "/agents/{kfAccount}/sessions", base + "/agents/" + agent + "/sessions")
                .read("GET " + ACCOUNT + "/agent-sessions", base + "/agent-sessions")
                .read("GET " + ACCOUNT + "/agent-sessions/{openId}", base + "/agent-sessions/" + follower)
                .read("GET " + ACCOUNT + "/agent-waitlist", base + "/agent-waitlist")
                .read("GET " + ACCOUNT + "/agent-messages", base + "/agent-messages")
                .read("GET " + ACCOUNT + "/subscription-templates", base + "/subscription-templates")
                .read("GET " + ACCOUNT + "/subscription-categories", base + "/subscription-categories")
                .read(
                        "GET " + ACCOUNT + "/subscription-library/{tid}/keywords",
                        base + "/subscription-library/1001/keywords")
                .read("GET " + ACCOUNT + "/subscription-consents/{openId}", base + "/subscription-consents/" + follower)
                .write("POST " + ACCOUNT + "/agents", base + "/agents", agentBody)
                .write("PUT " + ACCOUNT + "/agents/{kfAccount}", base + "/agents/" + agent, agentBody)
                .write(
                        "POST " + ACCOUNT + "/agents/{kfAccount}/invitation",
                        base + "/agents/" + agent + "/invitation",
                        Map.of("wxAccount", "b-only-wx"))
                .write(
                        "POST " + ACCOUNT + "/agent-sessions",
                        base + "/agent-sessions",
                        Map.of("kfAccount", agent, "openId", follower))
                .write(
                        "DELETE " + ACCOUNT + "/agent-sessions/{openId}",
                        base + "/agent-sessions/" + follower + "?kfAccount=" + agent,
                        null)
                .write("POST " + ACCOUNT + "/subscription-templates", base + "/subscription-templates", template)
                .write("POST " + MESSAGES + "/subscription", base + "/messages/subscription", notification)
                .write(
                        "DELETE " + ACCOUNT + "/subscription-templates/{templateId}",
                        base + "/subscription-templates/" + templateId,
                        null)
                .write("DELETE " + ACCOUNT + "/agents/{kfAccount}", base + "/agents/" + agent, null)
                .verify();
    }

    /** The endpoints of customer-service agents and subscription notifications, covered by their own case. */
    private static boolean agentsOrSubscriptions(Endpoint endpoint) {
        return endpoint.pattern().startsWith(ACCOUNT + "/agent")
                || endpoint.pattern().startsWith(ACCOUNT + "/subscription")
                || endpoint.pattern().equals(ACCOUNT + "/subscription-consents/{openId}")
                || endpoint.pattern().equals(MESSAGES + "/subscription");
    }

    /** The endpoints of the menu, media and draft features, covered by their own case. */
    private static boolean content(Endpoint endpoint) {
        return endpoint.pattern().startsWith(MENU)
                || endpoint.pattern().startsWith(MEDIA)
                || endpoint.pattern().startsWith(MATERIALS)
                || endpoint.pattern().startsWith(ACCOUNT + "/drafts")
                || endpoint.pattern().startsWith(ACCOUNT + "/publications")
                || endpoint.pattern().startsWith(ACCOUNT + "/published");
    }

    /** Tenant B's admin uploads a small image as temporary media or permanent material. */
    private static Map<String, Object> upload(WebTestClient admin, String uri, String type) {
        MultipartBodyBuilder parts = new MultipartBodyBuilder();
        parts.part("file", new ByteArrayResource(new byte[] {1, 2, 3}) {
                    @Override
                    public String getFilename() {
                        return "b-only-file.png";
                    }
                })
                .filename("b-only-file.png");
        parts.part("type", type);
        return admin.post()
                .uri(uri)
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .body(BodyInserters.fromMultipartData(parts.build()))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {})
                .returnResult()
                .getResponseBody();
    }

    /** What token-service publishes when an account is registered; the only source of ownership here. */
    private static void announce(String tenant, String app) {
        Inbound.send(EventRecords.account(
                new AccountEvent(AccountEvent.REGISTERED, tenant, app, "DIRECT", "ACTIVE", Instant.now())));
    }

    private static String appId() {
        return "wx" + String.format("%016x", ThreadLocalRandom.current().nextLong());
    }
}
