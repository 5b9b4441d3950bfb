package io.wxplatform.user.location;

import static io.wxplatform.testkit.Inbound.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wxplatform.events.Topics;
import io.wxplatform.testkit.Inbound;
import io.wxplatform.testkit.InboundEvents;
import io.wxplatform.testkit.KafkaProbe;
import io.wxplatform.user.RealDependencies;
import io.wxplatform.user.TestAccount;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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

/** Followers' LOCATION events through real Kafka into MongoDB, read back over the REST API. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"wxplatform.user.location.history-size=5", "wxplatform.user.sync.on-registration=false"})
// Its consumers and sync worker must not compete with those of another test context once it is done.
@DirtiesContext
class LocationIT {

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
    void aFollowersLastLocationAndABoundedHistoryNewestFirstReplaysChangingNothing() {
        TestAccount account = TestAccount.register("SERVICE", true);
        WebTestClient http = account.adminClient("http://localhost:" + port);
        account.awaitKnownBy(http);
        String base = "/api/v1/tenants/" + account.tenantId() + "/accounts/" + account.appId();
        InboundEvents events = new InboundEvents(account.tenantId(), account.appId());
        long t0 = Instant.now().getEpochSecond() - 3600;
        // Every 5 seconds, as WeChat reports them; 8 fixes, of which the last 5 are kept.
        for (int i = 0; i < 8; i++) {
            publish(events.location("o-walker", t0 + 5L * i, (2310 + i) / 100.0, 113.30, 30.0));
        }
        publish(events.location("o-sitter", t0, 39.9, 116.4, 65.0));

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(
                                get(http, base + "/followers/o-walker/location").get("last"))
                        .isEqualTo(
                                Map.of("latitude", 23.17, "longitude", 113.3, "precision", 30.0, "at", at(t0 + 35))));
        // A redelivered fix (same event) and an older one arriving late change nothing.
        publish(events.location("o-walker", t0 + 35, 23.17, 113.30, 30.0));
        publish(events.location("o-walker", t0 + 1, 1.0, 1.0, 1.0));
        publish(events.location("o-sitter", t0 + 60, 39.91, 116.41, 65.0));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat((List<?>)
                                get(http, base + "/followers/o-sitter/location").get("history"))
                        .hasSize(2));

        Map<String, Object> walker = get(http, base + "/followers/o-walker/location");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> history = (List<Map<String, Object>>) walker.get("history");
        assertThat(history.stream().map(point -> point.get("at")).toList())
                .containsExactly(at(t0 + 35), at(t0 + 30), at(t0 + 25), at(t0 + 20), at(t0 + 15));
        assertThat(get(http, base + "/locations").get("items").toString())
                .contains("openId=o-sitter", "openId=o-walker")
                .doesNotContain("history");
        assertThat(get(http, base + "/followers/o-walker")).containsEntry("subscribed", true);
        http.get()
                .uri(base + "/followers/o-nowhere/location")
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("LOCATION_NOT_FOUND");
    }

    private static String at(long epochSecond) {
        return Instant.ofEpochSecond(epochSecond).toString();
    }

    private static Map<String, Object> get(WebTestClient http, String uri) {
        return http.get()
                .uri(uri)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();
    }
}
