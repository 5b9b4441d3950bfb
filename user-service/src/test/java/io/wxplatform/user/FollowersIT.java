package io.wxplatform.user;

import static io.wxplatform.testkit.Inbound.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wxplatform.events.EventRecords;
import io.wxplatform.events.InboundEvent;
import io.wxplatform.events.Topics;
import io.wxplatform.testkit.Inbound;
import io.wxplatform.testkit.InboundEvents;
import io.wxplatform.testkit.KafkaProbe;
import io.wxplatform.testkit.TestInfrastructure;
import io.wxplatform.testkit.auth.TestIssuer;
import io.wxplatform.wechat.protocol.InboundMessages;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The follower registry fed by real records on wx.inbound.v1, read through the REST API. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// Its consumers and sync worker must not compete with those of another test context once it is done.
@DirtiesContext
class FollowersIT {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @LocalServerPort
    int port;

    private WebTestClient http;
    private String tenantId;
    private String appId;
    private InboundEvents events;
    private long t0;

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
        tenantId = "tenant-" + UUID.randomUUID().toString().substring(0, 8);
        http = adminOf(tenantId);
        appId = "wx" + String.format("%016x", ThreadLocalRandom.current().nextLong());
        events = new InboundEvents(tenantId, appId);
        t0 = Instant.now().getEpochSecond() - 3600;
        // token-service's word that the tenant owns the account; the follower reads below wait until it is known.
        AccountNotices.registered(tenantId, appId);
    }

    @Test
    void subscribeThenUnsubscribeThenAReplayedSubscribeLeavesTheFollowerUnsubscribed() {
        InboundEvent subscribe = events.subscribe("o-alice", t0, null);
        publish(subscribe);
        publish(events.unsubscribe("o-alice", t0 + 60));
        publish(subscribe);

        Map<String, Object> alice = followerAfterMarker("o-alice", t0 + 120);

        assertThat(alice)
                .containsEntry("subscribed", false)
                .containsEntry("subscribedAt", iso(t0))
                .containsEntry("unsubscribedAt", iso(t0 + 60));
    }

    @Test
    void anOlderSubscribeArrivingAfterTheUnsubscribeDoesNotFlipTheStateBack() {
        publish(events.unsubscribe("o-bob", t0 + 60));
        publish(events.subscribe("o-bob", t0, "qrscene_spring-poster"));

        Map<String, Object> bob = followerAfterMarker("o-bob", t0 + 120);

        assertThat(bob).containsEntry("subscribed", false).containsEntry("unsubscribedAt", iso(t0 + 60));
    }

    @Test
    void aSubscribeFromAQrCodeRecordsTheSceneAndTimes() {
        publish(events.subscribe("o-carol", t0, "qrscene_spring-poster"));

        Map<String, Object> carol = awaitFollower("o-carol", follower -> follower.containsKey("scene"));

        assertThat(carol)
                .containsEntry("tenantId", tenantId)
                .containsEntry("appId", appId)
                .containsEntry("openId", "o-carol")
                .containsEntry("subscribed", true)
                .containsEntry("scene", "spring-poster")
                .containsEntry("subscribedAt", iso(t0))
                .containsEntry("lastInteractionAt", iso(t0))
                .doesNotContainKey("unsubscribedAt");
    }

    @Test
    void aMessageFromAnUnknownFollowerRegistersThemAsSubscribed() {
        publish(events.text("o-dave", t0 + 5, "hello"));

        Map<String, Object> dave = awaitFollower("o-dave", follower -> true);

        assertThat(dave).containsEntry("subscribed", true).containsEntry("lastInteractionAt", iso(t0 + 5));
    }

    @Test
    void aFinishedPublishJobRegistersNoFollower() {
        // PUBLISHJOBFINISH comes "from" the operator who published, not from a follower doing something.
        publish(InboundEvent.of(
                tenantId,
                appId,
                InboundMessages.parse("<xml><ToUserName>gh_1</ToUserName><FromUserName>o-publisher</FromUserName>"
                        + "<CreateTime>" + t0 + "</CreateTime><MsgType>event</MsgType><Event>PUBLISHJOBFINISH</Event>"
                        + "<PublishEventInfo><publish_id>2247000001</publish_id><publish_status>0</publish_status>"
                        + "</PublishEventInfo></xml>"),
                Instant.now()));
        publish(events.text("o-after-publish", t0 + 1, "hello"));
        awaitFollower("o-after-publish", follower -> true);

        await().during(Duration.ofSeconds(1))
                .atMost(DEADLINE)
                .until(() -> http.get()
                                .uri(followers() + "/o-publisher")
                                .exchange()
                                .returnResult(String.class)
                                .getStatus()
                                .value()
                        == 404);
    }

    @Test
    void followersAreVisibleOnlyToTheTenantOwningTheAccount() {
        publish(events.subscribe("o-erin", t0, null));
        publish(events.subscribe("o-frank", t0, null));
        publish(events.unsubscribe("o-frank", t0 + 1));
        followerAfterMarker("o-frank", t0 + 2);
        awaitFollower("o-erin", follower -> true);

        http.get()
                .uri(followers() + "?subscribed=true")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.total")
                .isEqualTo(1)
                .jsonPath("$.items[0].openId")
                .isEqualTo("o-erin");
        http.get()
                .uri(followers() + "?page=0&size=1")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.total")
                .isEqualTo(2)
                .jsonPath("$.items.length()")
                .isEqualTo(1);

        String otherTenant = "/api/v1/tenants/someone-else/accounts/" + appId + "/followers";
        for (String path : List.of(otherTenant, otherTenant + "/o-erin")) {
            adminOf("someone-else")
                    .get()
                    .uri(path)
                    .exchange()
                    .expectStatus()
                    .isNotFound()
                    .expectHeader()
                    .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.code")
                    .isEqualTo("ACCOUNT_NOT_FOUND")
                    .jsonPath("$.openId")
                    .doesNotExist();
        }
        http.get()
                .uri(followers() + "/o-nobody")
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("FOLLOWER_NOT_FOUND");
    }

    @Test
    void anUnreadableRecordIsDeadLetteredWithTheErrorAttached() {
        String key = appId + "|o-poison";
        try (KafkaProbe dlq = KafkaProbe.on(Topics.dlq(Topics.INBOUND))) {
            Inbound.send(new ProducerRecord<>(Topics.INBOUND, key, "not an event".getBytes(StandardCharsets.UTF_8)));

            List<ConsumerRecord<String, byte[]>> parked = dlq.awaitMatching(r -> key.equals(r.key()), 1, DEADLINE);

            ConsumerRecord<String, byte[]> letter = parked.get(0);
            assertThat(new String(letter.value(), StandardCharsets.UTF_8)).isEqualTo("not an event");
            assertThat(header(letter, EventRecords.DLQ_ERROR_CLASS)).endsWith("UnreadableRecordException");
            assertThat(header(letter, EventRecords.DLQ_ERROR_MESSAGE)).contains("InboundEvent");
        }
    }

    /** A later text of the same follower shares the partition, so once it shows, every earlier event was applied. */
    private Map<String, Object> followerAfterMarker(String openId, long markerTime) {
        publish(events.text(openId, markerTime, "marker"));
        return awaitFollower(openId, follower -> iso(markerTime).equals(follower.get("lastInteractionAt")));
    }

    private Map<String, Object> awaitFollower(String openId, Predicate<Map<String, Object>> ready) {
        return await().atMost(DEADLINE)
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () -> {
                            EntityExchangeResult<Map<String, Object>> result = http.get()
                                    .uri(followers() + "/" + openId)
                                    .exchange()
                                    .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {})
                                    .returnResult();
                            return result.getStatus().value() == 200 ? result.getResponseBody() : null;
                        },
                        follower -> follower != null && ready.test(follower));
    }

    private WebTestClient adminOf(String tenant) {
        return WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + port)
                .responseTimeout(DEADLINE)
                .defaultHeaders(
                        headers -> headers.setBearerAuth(TestIssuer.shared().mint(tenant, TestIssuer.TENANT_ADMIN)))
                .build();
    }

    private String followers() {
        return "/api/v1/tenants/" + tenantId + "/accounts/" + appId + "/followers";
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static String iso(long epochSecond) {
        return Instant.ofEpochSecond(epochSecond).toString();
    }
}
