package io.wxplatform.user;

import static io.wxplatform.testkit.Inbound.publish;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;

import io.wxplatform.testkit.Inbound;
import io.wxplatform.testkit.InboundEvents;
import io.wxplatform.testkit.TestInfrastructure;
import io.wxplatform.testkit.auth.Endpoints;
import io.wxplatform.testkit.auth.TenantIsolation;
import io.wxplatform.testkit.auth.TestIssuer;

/** Every REST endpoint of user-service, probed with tenant A's, B's viewer's and no token for B's followers. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TenantIsolationIT {

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

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

    @Test
    void tenantAGetsNothingOfTenantBFromAnyEndpoint() {
        String owner = "tenant-b-" + UUID.randomUUID().toString().substring(0, 8);
        String attacker = "tenant-a-" + UUID.randomUUID().toString().substring(0, 8);
        String appId = appId();
        String attackersAppId = appId();
        long t0 = Instant.now().getEpochSecond() - 60;
        AccountNotices.registered(attacker, attackersAppId);
        AccountNotices.registered(owner, appId);
        publish(new InboundEvents(attacker, attackersAppId).subscribe("o-of-a", t0, null));
        publish(new InboundEvents(owner, appId).subscribe("o-of-b", t0, "qrscene_b-only-poster"));
        String followers = "/api/v1/tenants/" + owner + "/accounts/" + appId + "/followers";
        awaitVisible(owner, followers + "/o-of-b");

        TenantIsolation.against("http://localhost:" + port)
                .owner(owner)
                .attacker(attacker)
                .inventory(Endpoints.of(mappings))
                .neverShown("b-only-poster", "subscribedAt")
                .read("GET /api/v1/tenants/{tenantId}/accounts/{appId}/followers", followers)
                .read("GET /api/v1/tenants/{tenantId}/accounts/{appId}/followers/{openId}", followers + "/o-of-b")
                .verify();
    }

    private void awaitVisible(String tenant, String path) {
        WebTestClient admin = WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                .defaultHeaders(h -> h.setBearerAuth(TestIssuer.shared().mint(tenant, TestIssuer.TENANT_ADMIN)))
                .build();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> admin.get().uri(path).exchange()
                .expectStatus().isOk());
    }

    private static String appId() {
        return "wx" + String.format("%016x", ThreadLocalRandom.current().nextLong());
    }
}
