package io.wxplatform.user.analytics;

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
import java.time.LocalDate;
import java.time.ZoneId;
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

/**
 * Follower analytics through the REST API: WeChat's figures from the sandbox's datacube over real HTTP, split into
 * WeChat's ranges and kept per day in MongoDB (asked once, checked in the sandbox's call log); the platform's own
 * daily counts from inbound events through real Kafka.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "wxplatform.user.sync.on-registration=false")
// Its consumers and sync worker must not compete with those of another test context once it is done.
@DirtiesContext
class AnalyticsIT {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

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
    void weChatsFiguresAreFetchedInWeeksOnceAndThenServedFromTheStoredDays() {
        TestAccount account = TestAccount.register("SERVICE", true);
        LocalDate today = LocalDate.now(CHINA);
        bulk(
                account,
                Map.of(
                        "count",
                        10,
                        "openIdPrefix",
                        "oQr",
                        "subscribeScene",
                        "ADD_SCENE_QR_CODE",
                        "subscribedAt",
                        noon(today.minusDays(6))));
        bulk(
                account,
                Map.of(
                        "count",
                        3,
                        "openIdPrefix",
                        "oGone",
                        "subscribedAt",
                        noon(today.minusDays(6)),
                        "unsubscribedAt",
                        noon(today.minusDays(4))));
        WebTestClient http = account.adminClient("http://localhost:" + port);
        account.awaitKnownBy(http);
        String analytics = "/api/v1/tenants/" + account.tenantId() + "/accounts/" + account.appId() + "/analytics";
        // Nine days: WeChat takes at most seven a call, so two calls of each API.
        String range = analytics + "/wechat?from=" + today.minusDays(10) + "&to=" + today.minusDays(2);

        List<Map<String, Object>> days = days(get(http, range));

        assertThat(days).hasSize(9);
        assertThat(days.get(4))
                .containsEntry("day", today.minusDays(6).toString())
                .containsEntry("newUsers", 13)
                .containsEntry("cancelUsers", 0)
                .containsEntry("cumulateUsers", 13);
        assertThat(days.get(4).get("sources").toString()).contains("userSource=30, newUsers=10");
        assertThat(days.get(6))
                .containsEntry("cancelUsers", 3)
                .containsEntry("netUsers", -3)
                .containsEntry("cumulateUsers", 10);
        assertThat(days.get(0)).containsEntry("cumulateUsers", 0);
        assertThat(datacubeCalls(account))
                .containsExactlyInAnyOrder(
                        "datacube/getusersummary", "datacube/getusercumulate",
                        "datacube/getusersummary", "datacube/getusercumulate");

        // The same range again (the stored days, as fetched then), then one reaching today: stored days are not asked
        // again, today is never asked.
        assertThat(days(get(http, range))).isEqualTo(days);
        assertThat(days(get(http, analytics + "/wechat?from=" + today.minusDays(8) + "&to=" + today)))
                .hasSize(8)
                .last()
                .satisfies(yesterday -> assertThat(yesterday)
                        .containsEntry("day", today.minusDays(1).toString()));
        List<String> calls = datacubeCalls(account);
        // Only yesterday was missing: one more call of each API, for it alone.
        assertThat(calls).hasSize(6);
        assertThat(calls.subList(4, 6))
                .containsExactlyInAnyOrder("datacube/getusersummary", "datacube/getusercumulate");

        http.get()
                .uri(analytics + "/wechat?from=" + today + "&to=" + today.minusDays(1))
                .exchange()
                .expectStatus()
                .isBadRequest();
        http.get()
                .uri(analytics + "/wechat?from=2026/01/01&to=" + today)
                .exchange()
                .expectStatus()
                .isBadRequest();
    }

    @Test
    void anUnverifiedAccountIsRefusedByThePermissionTableBeforeWeChatIsAsked() {
        TestAccount account = TestAccount.register("SUBSCRIPTION", false);
        WebTestClient http = account.adminClient("http://localhost:" + port);
        account.awaitKnownBy(http);
        LocalDate today = LocalDate.now(CHINA);

        http.get()
                .uri(
                        "/api/v1/tenants/{t}/accounts/{a}/analytics/wechat?from={f}&to={to}",
                        account.tenantId(),
                        account.appId(),
                        today.minusDays(3),
                        today.minusDays(2))
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("WECHAT_PERMISSION")
                .jsonPath("$.apiGroup")
                .isEqualTo("ANALYTICS");
        assertThat(datacubeCalls(account)).isEmpty();
    }

    @Test
    void thePlatformsOwnDailyCountsComeFromEventsOnWeChatsDays() {
        TestAccount account = TestAccount.register("SERVICE", true);
        WebTestClient http = account.adminClient("http://localhost:" + port);
        account.awaitKnownBy(http);
        String analytics = "/api/v1/tenants/" + account.tenantId() + "/accounts/" + account.appId() + "/analytics";
        LocalDate day = LocalDate.now(CHINA).minusDays(1);
        long noon = day.atTime(12, 0).atZone(CHINA).toEpochSecond();
        InboundEvents events = new InboundEvents(account.tenantId(), account.appId());
        publish(events.subscribe("o-a", noon, "qrscene_spring.poster$1"));
        publish(events.subscribe("o-b", noon + 1, "qrscene_spring.poster$1"));
        publish(events.subscribe("o-c", noon + 2, null));
        publish(events.unsubscribe("o-a", noon + 60));
        // Redelivered by Kafka or retried by WeChat: the same event, counted once.
        publish(events.subscribe("o-c", noon + 2, null));
        // 00:30 in Beijing on the next day is still the day before in UTC: it counts for the next day.
        publish(events.subscribe(
                "o-d", day.plusDays(1).atTime(0, 30).atZone(CHINA).toEpochSecond(), null));

        String range = analytics + "/daily?from=" + day.minusDays(1) + "&to=" + day.plusDays(1);
        // Followers' events are consumed per partition, concurrently: wait for the whole picture, and see it hold
        // (a redelivered subscribe counted twice would move it on).
        await().atMost(Duration.ofSeconds(30)).during(Duration.ofSeconds(1)).untilAsserted(() -> {
            List<Map<String, Object>> days = days(get(http, range));
            assertThat(days.get(0))
                    .containsEntry("day", day.minusDays(1).toString())
                    .containsEntry("subscribes", 0)
                    .containsEntry("net", 0);
            assertThat(days.get(1))
                    .containsEntry("subscribes", 3)
                    .containsEntry("unsubscribes", 1)
                    .containsEntry("net", 2)
                    .containsEntry(
                            "byScene", List.of(Map.of("scene", "spring.poster$1", "subscribes", 2, "unsubscribes", 1)));
            assertThat(days.get(2)).containsEntry("subscribes", 1);
        });
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> days(Map<String, Object> answer) {
        return (List<Map<String, Object>>) answer.get("days");
    }

    private static List<String> datacubeCalls(TestAccount account) {
        return account.apiCalls().stream()
                .filter(api -> api.startsWith("datacube/"))
                .toList();
    }

    private static String noon(LocalDate day) {
        return day.atTime(12, 0).atZone(CHINA).toInstant().toString();
    }

    private static void bulk(TestAccount account, Map<String, Object> request) {
        TestAccount.sandbox()
                .post()
                .uri("/sandbox/accounts/{a}/followers/bulk", account.appId())
                .bodyValue(request)
                .exchange()
                .expectStatus()
                .isCreated();
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
