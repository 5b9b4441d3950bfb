package io.wxplatform.user.sync;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.lte;
import static io.wxplatform.testkit.Inbound.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.reactivestreams.client.MongoDatabase;
import io.wxplatform.events.Topics;
import io.wxplatform.testkit.Inbound;
import io.wxplatform.testkit.InboundEvents;
import io.wxplatform.testkit.KafkaProbe;
import io.wxplatform.user.RealDependencies;
import io.wxplatform.user.TestAccount;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;

/**
 * Full syncs against the sandbox over real HTTP (tokens from the real token-service), stored in MongoDB: the follower
 * sync pitfalls of wechat-protocol.md §7 (stopping at 10,000, the empty last page, batchget over 100, events and sync
 * both inserting) and a sync that resumes from its cursor.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "wxplatform.user.sync.poll-interval=200ms",
            "wxplatform.user.sync.lease=5s",
            "wxplatform.user.sync.user-get-daily-limit=6",
            "wxplatform.user.sync.on-registration=false"
        })
// Its consumers and sync worker must not compete with those of another test context once it is done.
@DirtiesContext
class SyncIT {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};
    private static final Duration SYNC_DEADLINE = Duration.ofMinutes(3);

    @LocalServerPort
    int port;

    @Autowired
    SyncWorker worker;

    @Autowired
    MongoDatabase database;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        RealDependencies.properties(registry);
    }

    @BeforeAll
    static void topics() {
        Inbound.createTopics();
        KafkaProbe.createTopics(Topics.ACCOUNT);
    }

    @AfterEach
    void workerRunsAgain() {
        if (!worker.isRunning()) {
            worker.start();
        }
        TestAccount.sandbox().delete().uri("/sandbox/faults").exchange();
    }

    @Test
    void aSyncOfTwentyFiveThousandFollowersStoresEveryOneOnceAlongsideEvents() {
        TestAccount account = TestAccount.register("SERVICE", true);
        account.generateFollowers(25_000, "oSync");
        WebTestClient http = account.adminClient("http://localhost:" + port);
        account.awaitKnownBy(http);
        // A follower the events already know (subscribed through a poster), before the sync reads them all.
        String known = TestAccount.openId("oSync", 12_345);
        publish(new InboundEvents(account.tenantId(), account.appId())
                .subscribe(known, Instant.now().getEpochSecond() - 60, "qrscene_poster"));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> http.get()
                        .uri(
                                "/api/v1/tenants/{t}/accounts/{a}/followers/{o}",
                                account.tenantId(),
                                account.appId(),
                                known)
                        .exchange()
                        .expectStatus()
                        .isOk());

        http.post()
                .uri("/api/v1/tenants/{t}/accounts/{a}/sync", account.tenantId(), account.appId())
                .exchange()
                .expectStatus()
                .isAccepted()
                .expectBody()
                .jsonPath("$.state")
                .isEqualTo("RUNNING");
        Map<String, Object> done = awaitDone(http, account);

        assertThat(done)
                .containsEntry("synced", 25_000)
                .containsEntry("total", 25_000)
                .containsKey("finishedAt");
        assertThat(followers(http, account, "")).containsEntry("total", 25_000);
        assertThat(http.get()
                        .uri(
                                "/api/v1/tenants/{t}/accounts/{a}/followers/{o}",
                                account.tenantId(),
                                account.appId(),
                                known)
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .expectBody(JSON)
                        .returnResult()
                        .getResponseBody())
                .containsEntry("scene", "poster")
                .containsEntry("subscribeScene", "ADD_SCENE_SEARCH");
        // Three pages of 10,000, 10,000 and 5,000, then WeChat's empty last page; batchget in hundreds.
        assertThat(account.apiCalls().stream().filter("user/get"::equals).count())
                .isEqualTo(4);
        assertThat(account.apiCalls().stream()
                        .filter("user/info/batchget"::equals)
                        .count())
                .isEqualTo(250);
    }

    @Test
    void aStoppedSyncResumesFromItsCursorWithoutReadingEarlierPagesAgain() {
        TestAccount account = TestAccount.register("SERVICE", true);
        account.generateFollowers(25_000, "oResume");
        WebTestClient http = account.adminClient("http://localhost:" + port);
        account.awaitKnownBy(http);
        // Slow batchgets so the worker can be stopped between the first page and the last.
        TestAccount.sandbox()
                .post()
                .uri("/sandbox/faults")
                .bodyValue(Map.of("api", "user/info/batchget", "kind", "LATENCY", "latencyMs", 40, "count", 250))
                .exchange()
                .expectStatus()
                .is2xxSuccessful();

        http.post()
                .uri("/api/v1/tenants/{t}/accounts/{a}/sync", account.tenantId(), account.appId())
                .exchange()
                .expectStatus()
                .isAccepted();
        await().atMost(SYNC_DEADLINE)
                .until(() -> ((Number) progress(http, account).get("synced")).longValue() >= 10_000);
        worker.stop();

        Document job = Mono.from(database.getCollection(SyncJobs.COLLECTION)
                        .find(eq("_id", account.appId()))
                        .first())
                .block(Duration.ofSeconds(10));
        assertThat(job.getString("state")).isEqualTo("RUNNING");
        String cursor = job.getString("cursor");
        long synced = ((Number) job.get("synced")).longValue();
        assertThat(cursor).startsWith("oResume");
        assertThat(synced).isLessThan(25_000);
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .until(() -> ((Number) progress(http, account).get("synced")).longValue() == synced);
        // Forget what the pages before the cursor stored: a resumed job must not read them again.
        Mono.from(database.getCollection("followers")
                        .deleteMany(and(eq("appId", account.appId()), lte("openId", cursor))))
                .block(Duration.ofSeconds(30));

        worker.start();
        assertThat(awaitDone(http, account)).containsEntry("synced", 25_000);

        long afterCursor = 25_000 - Long.parseLong(cursor.substring("oResume".length())) - 1;
        assertThat(count(and(eq("appId", account.appId()), lte("openId", cursor))))
                .isZero();
        assertThat(count(and(eq("appId", account.appId()), gt("openId", cursor))))
                .isEqualTo(afterCursor);
        assertThat(followers(http, account, "")).containsEntry("total", (int) afterCursor);
    }

    /** WeChat allows an account so many user/get calls a day: past the configured number the job waits a day. */
    @Test
    void aSyncPastTheDailyUserGetLimitPausesUntilTomorrowKeepingItsCursor() {
        TestAccount account = TestAccount.register("SERVICE", true);
        account.generateFollowers(25_000, "oQuota");
        WebTestClient http = account.adminClient("http://localhost:" + port);
        account.awaitKnownBy(http);
        http.post()
                .uri("/api/v1/tenants/{t}/accounts/{a}/sync", account.tenantId(), account.appId())
                .exchange()
                .expectStatus()
                .isAccepted();
        awaitDone(http, account);

        // The second sync of the day gets two pages (calls 5 and 6) before the limit of 6.
        http.post()
                .uri("/api/v1/tenants/{t}/accounts/{a}/sync", account.tenantId(), account.appId())
                .exchange()
                .expectStatus()
                .isAccepted();
        await().atMost(SYNC_DEADLINE).until(() -> progress(http, account).containsKey("pausedUntil"));

        Map<String, Object> paused = progress(http, account);
        assertThat(paused)
                .containsEntry("state", "RUNNING")
                .containsEntry("synced", 20_000)
                .containsEntry("pauseReason", "USER_GET_DAILY_LIMIT");
        assertThat(Instant.parse((String) paused.get("pausedUntil")))
                .isEqualTo(LocalDate.now(ZoneOffset.UTC)
                        .plusDays(1)
                        .atStartOfDay(ZoneOffset.UTC)
                        .toInstant());
        assertThat(account.apiCalls().stream().filter("user/get"::equals).count())
                .isEqualTo(6);
    }

    /**
     * Followers who left while no event reached the platform are found by the next full sync: those of the directory
     * that WeChat no longer lists are marked unsubscribed at its end, but not one an event showed during the sync.
     */
    @Test
    void aFullSyncMarksFollowersWeChatNoLongerListsAsUnsubscribed() {
        TestAccount account = TestAccount.register("SERVICE", true);
        account.generateFollowers(30, "oLeft");
        WebTestClient http = account.adminClient("http://localhost:" + port);
        account.awaitKnownBy(http);
        startSync(http, account);
        assertThat(awaitDone(http, account)).containsEntry("unlisted", 0);
        // Three leave in WeChat without the platform hearing it (the sandbox account has no callback URL).
        for (int i = 0; i < 3; i++) {
            TestAccount.sandbox()
                    .post()
                    .uri("/sandbox/accounts/{a}/followers/{o}/events", account.appId(), TestAccount.openId("oLeft", i))
                    .bodyValue(Map.of("event", "unsubscribe"))
                    .exchange()
                    .expectStatus()
                    .isOk();
        }
        // One only events ever showed, an hour ago, and WeChat does not list; one that subscribes "during" the
        // sync (its event is newer than the sync's start), whom WeChat's list could not have had yet.
        long now = Instant.now().getEpochSecond();
        InboundEvents events = new InboundEvents(account.tenantId(), account.appId());
        publish(events.subscribe("o-ghost", now - 3600, null));
        publish(events.subscribe("o-newcomer", now + 3600, null));
        await().atMost(Duration.ofSeconds(30))
                .until(() ->
                        (Integer) followers(http, account, "&subscribed=true").get("total") == 32);

        startSync(http, account);
        Map<String, Object> done = awaitDone(http, account);

        assertThat(done).containsEntry("synced", 27).containsEntry("unlisted", 4);
        assertThat(followers(http, account, "&subscribed=true")).containsEntry("total", 28);
        assertThat(followers(http, account, "&subscribed=false")).containsEntry("total", 4);
        assertThat(count(and(eq("appId", account.appId()), eq("openId", "o-newcomer"), eq("subscribed", true))))
                .isEqualTo(1);
        assertThat(count(and(
                        eq("appId", account.appId()),
                        eq("openId", TestAccount.openId("oLeft", 0)),
                        eq("subscribed", false))))
                .isEqualTo(1);
    }

    private static void startSync(WebTestClient http, TestAccount account) {
        http.post()
                .uri("/api/v1/tenants/{t}/accounts/{a}/sync", account.tenantId(), account.appId())
                .exchange()
                .expectStatus()
                .isAccepted();
    }

    private Map<String, Object> awaitDone(WebTestClient http, TestAccount account) {
        await().atMost(SYNC_DEADLINE)
                .pollInterval(Duration.ofMillis(500))
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

    private static Map<String, Object> followers(WebTestClient http, TestAccount account, String query) {
        return http.get()
                .uri("/api/v1/tenants/" + account.tenantId() + "/accounts/" + account.appId() + "/followers?size=1"
                        + query)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();
    }

    private long count(Bson filter) {
        return Mono.from(database.getCollection("followers").countDocuments(filter))
                .block(Duration.ofSeconds(30));
    }
}
