package io.wxplatform.user;

import static io.wxplatform.testkit.Inbound.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.reactivestreams.client.MongoDatabase;
import io.wxplatform.testkit.Inbound;
import io.wxplatform.testkit.InboundEvents;
import io.wxplatform.testkit.TestInfrastructure;
import io.wxplatform.testkit.auth.TestIssuer;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;

/**
 * Who owns an account is what token-service announced on wx.account.v1, not what the follower records say: a just
 * registered account is the tenant's at once, with no followers, and is nobody's once deleted.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext // its consumers must not compete with those of another test context once it is done
class AccountOwnershipIT {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @LocalServerPort
    int port;

    @Autowired
    MongoDatabase database;

    private String owner;
    private String appId;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", TestInfrastructure::kafkaBootstrapServers);
        registry.add("wxplatform.mongodb.uri", TestInfrastructure::mongoUri);
        TestIssuer.shared().serviceProperties().forEach((key, value) -> registry.add(key, () -> value));
    }

    @BeforeAll
    static void topics() {
        Inbound.createTopics();
        AccountNotices.createTopic();
    }

    @BeforeEach
    void account() {
        owner = "tenant-" + UUID.randomUUID().toString().substring(0, 8);
        appId = appId();
    }

    @Test
    void aJustRegisteredAccountListsNoFollowersToItsTenantAndIsNotFoundForAnyOther() {
        AccountNotices.registered(owner, appId);

        await().atMost(DEADLINE)
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> client(owner, TestIssuer.TENANT_ADMIN)
                        .get()
                        .uri(followers(owner, appId))
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .expectBody()
                        .jsonPath("$.total")
                        .isEqualTo(0)
                        .jsonPath("$.items.length()")
                        .isEqualTo(0)
                        .jsonPath("$.page")
                        .isEqualTo(0)
                        .jsonPath("$.size")
                        .isEqualTo(20));
        client(owner, TestIssuer.TENANT_VIEWER)
                .get()
                .uri(followers(owner, appId) + "?subscribed=true")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.total")
                .isEqualTo(0);
        client(owner, TestIssuer.TENANT_ADMIN)
                .get()
                .uri(followers(owner, appId) + "/o-nobody")
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("FOLLOWER_NOT_FOUND");

        // Another tenant naming the owner's appId under its own path: exactly what an unknown appId answers.
        String other = "tenant-" + UUID.randomUUID().toString().substring(0, 8);
        String unknownApp = appId();
        for (String suffix : new String[] {"", "/o-nobody"}) {
            Map<String, Object> foreign = accountNotFound(other, followers(other, appId) + suffix);
            Map<String, Object> unknown = accountNotFound(other, followers(other, unknownApp) + suffix);
            assertThat(foreign.toString()).doesNotContain(owner);
            assertThat(withoutIds(foreign, appId)).isEqualTo(withoutIds(unknown, unknownApp));
        }
        // And an appId token-service never announced is not the owner's either.
        accountNotFound(owner, followers(owner, unknownApp));
    }

    @Test
    void aDeletedAccountIsNotFoundForItsFormerTenantFollowersIncluded() {
        AccountNotices.registered(owner, appId);
        publish(new InboundEvents(owner, appId)
                .subscribe("o-alice", Instant.now().getEpochSecond(), null));
        WebTestClient admin = client(owner, TestIssuer.TENANT_ADMIN);
        await().atMost(DEADLINE)
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> admin.get()
                        .uri(followers(owner, appId))
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .expectBody()
                        .jsonPath("$.total")
                        .isEqualTo(1));

        AccountNotices.deleted(owner, appId);

        await().atMost(DEADLINE)
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> accountNotFound(owner, followers(owner, appId)));
        accountNotFound(owner, followers(owner, appId) + "/o-alice");
    }

    /** Follower records carry a tenantId too, but they are callback-service's word, not token-service's. */
    @Test
    void followerRecordsAloneMakeNoTenantTheOwner() {
        publish(new InboundEvents(owner, appId).subscribe("o-bob", Instant.now().getEpochSecond(), null));
        await().atMost(DEADLINE)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> Mono.from(database.getCollection("followers")
                                .find(new Document("_id", appId + "|o-bob"))
                                .first())
                        .blockOptional(Duration.ofSeconds(5))
                        .isPresent());

        accountNotFound(owner, followers(owner, appId));
        accountNotFound(owner, followers(owner, appId) + "/o-bob");

        AccountNotices.registered(owner, appId);

        await().atMost(DEADLINE)
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> client(owner, TestIssuer.TENANT_ADMIN)
                        .get()
                        .uri(followers(owner, appId) + "/o-bob")
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .expectBody()
                        .jsonPath("$.openId")
                        .isEqualTo("o-bob"));
    }

    /** Asserts 404 ACCOUNT_NOT_FOUND as problem+json for that tenant's admin, and returns the body. */
    private Map<String, Object> accountNotFound(String tenant, String path) {
        Map<String, Object> body = client(tenant, TestIssuer.TENANT_ADMIN)
                .get()
                .uri(path)
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {})
                .returnResult()
                .getResponseBody();
        assertThat(body).containsEntry("code", "ACCOUNT_NOT_FOUND").doesNotContainKeys("items", "total", "openId");
        return body;
    }

    /** The body with the appId and per-request values blanked, for comparing two answers. */
    private static String withoutIds(Map<String, Object> body, String appId) {
        return body.entrySet().stream()
                .filter(entry ->
                        !entry.getKey().equals("requestId") && !entry.getKey().equals("instance"))
                .map(entry ->
                        entry.getKey() + "=" + String.valueOf(entry.getValue()).replace(appId, "<appId>"))
                .sorted()
                .toList()
                .toString();
    }

    private WebTestClient client(String tenant, String role) {
        return WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + port)
                .responseTimeout(DEADLINE)
                .defaultHeaders(
                        headers -> headers.setBearerAuth(TestIssuer.shared().mint(tenant, role)))
                .build();
    }

    private static String followers(String tenant, String app) {
        return "/api/v1/tenants/" + tenant + "/accounts/" + app + "/followers";
    }

    private static String appId() {
        return "wx" + String.format("%016x", ThreadLocalRandom.current().nextLong());
    }
}
