package io.wxplatform.user.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wxplatform.events.Topics;
import io.wxplatform.testkit.Inbound;
import io.wxplatform.testkit.KafkaProbe;
import io.wxplatform.user.RealDependencies;
import io.wxplatform.user.TestAccount;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** token-service's REGISTERED notice starts an account's first sync when the permission table allows it. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"wxplatform.user.sync.poll-interval=200ms"})
// Its consumers and sync worker must not compete with those of another test context once it is done.
@DirtiesContext
class OnboardingSyncIT {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        RealDependencies.properties(registry);
    }

    @BeforeAll
    static void topics() {
        Inbound.createTopics();
        KafkaProbe.createTopics(Topics.ACCOUNT);
    }

    @Test
    void aNewlyRegisteredAccountGetsItsFirstSyncWithoutAsking() {
        TestAccount account = TestAccount.register("SERVICE", true, 1_500, "oOnboard");
        WebTestClient http = account.adminClient("http://localhost:" + port);
        account.awaitKnownBy(http);

        await().atMost(Duration.ofSeconds(30))
                .until(() -> http.get()
                        .uri("/api/v1/tenants/{t}/accounts/{a}/sync", account.tenantId(), account.appId())
                        .exchange()
                        .returnResult(String.class)
                        .getStatus()
                        .is2xxSuccessful());
        assertThat(awaitDone(http, account)).containsEntry("synced", 1_500);
        assertThat(followers(http, account)).containsEntry("total", 1_500);
    }

    @Test
    void anAccountThatMayNotReadItsFollowersGetsNoSync() {
        TestAccount account = TestAccount.register("SUBSCRIPTION", false, 10, "oNoSync");
        WebTestClient http = account.adminClient("http://localhost:" + port);
        account.awaitKnownBy(http);

        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .until(() -> http.get()
                                .uri("/api/v1/tenants/{t}/accounts/{a}/sync", account.tenantId(), account.appId())
                                .exchange()
                                .returnResult(String.class)
                                .getStatus()
                                .value()
                        == 404);
        assertThat(account.apiCalls()).noneMatch(api -> api.startsWith("user/"));
    }

    private static Map<String, Object> awaitDone(WebTestClient http, TestAccount account) {
        await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> "DONE".equals(progress(http, account).get("state")));
        return progress(http, account);
    }

    private static Map<String, Object> progress(WebTestClient http, TestAccount account) {
        return http.get()
                .uri("/api/v1/tenants/{t}/accounts/{a}/sync", account.tenantId(), account.appId())
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();
    }

    private static Map<String, Object> followers(WebTestClient http, TestAccount account) {
        return http.get()
                .uri("/api/v1/tenants/" + account.tenantId() + "/accounts/" + account.appId() + "/followers?size=1")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();
    }
}
