package io.wxplatform.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wxplatform.messaging.send.Idempotency;
import io.wxplatform.testkit.Inbound;
import io.wxplatform.testkit.TestInfrastructure;
import io.wxplatform.testkit.auth.TestIssuer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Mass sends through messaging-service's REST API to the real sandbox (WeChat), tokens from the real token-service;
 * the sandbox's MASSSENDJOBFINISH callbacks reach wx.inbound.v1 through a small relay standing in for
 * callback-service. The first two tests share one messaging-service; the last stops one mid-job (its account paced to
 * one call per 50 s, so one batch of three went out) and starts another on a database of their own.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MassSendIT {

    private static final String DATABASE = "wx_messaging_mass_it";
    /** The restart test's own database. */
    private static final String RESUME_DATABASE = "wx_messaging_mass_resume_it";

    private static CallbackRelay relay;
    private static ConfigurableApplicationContext running;

    @BeforeAll
    static void topicsAndRelay() {
        Inbound.createTopics();
        relay = new CallbackRelay();
    }

    @AfterAll
    static void stop() {
        if (running != null) {
            running.close();
        }
        relay.close();
    }

    @Test
    @Order(3)
    void aJobStoppedMidwaySendsEachBatchOnceAfterARestart() {
        if (running != null) {
            running.close();
            running = null;
        }
        TestAccount account = TestAccount.register();
        Fixture before;
        String jobId;
        List<String> followers = followers(account, "oMassResume", 7);
        // A database of its own, so that no other instance resumes the job meanwhile; consumer groups of their own for
        // each instance, so that the next one is not kept waiting until Kafka gives up on the stopped one.
        try (ConfigurableApplicationContext first = start(Map.of(
                "wxplatform.messaging.send.per-account-rate",
                "0.02",
                "wxplatform.messaging.mass.batch-size",
                "3",
                "wxplatform.mongodb.database",
                RESUME_DATABASE,
                "wxplatform.inbound.group-id",
                "messaging-service-mass-it-stopped",
                "wxplatform.accounts.directory.group-id",
                "messaging-service-accounts-mass-it-stopped"))) {
            before = new Fixture(account, first);
            Map<String, Object> job = before.accepted(
                    Map.of("openIds", followers, "msgType", "text", "text", Map.of("content", "Winter sale")), null);
            jobId = (String) job.get("id");
            assertThat(job).containsEntry("batchCount", 3).containsEntry("openIdCount", 7);
            before.awaitJob(
                    jobId,
                    found -> ((Map<?, ?>) found.get("progress")).get("accepted").equals(2)
                            && "SENDING".equals(found.get("status")));
        }

        running = start(Map.of(
                "wxplatform.messaging.mass.batch-size",
                "3",
                "wxplatform.mongodb.database",
                RESUME_DATABASE,
                "wxplatform.inbound.group-id",
                "messaging-service-mass-it-restarted",
                "wxplatform.accounts.directory.group-id",
                "messaging-service-accounts-mass-it-restarted"));
        Fixture after = new Fixture(account, running);
        Map<String, Object> sent = after.awaitJob(
                jobId,
                found -> ((Map<?, ?>) found.get("progress")).get("accepted").equals(0));

        List<Map<String, Object>> batches = (List<Map<String, Object>>) sent.get("batches");
        assertThat(batches).extracting(batch -> batch.get("openIdCount")).containsExactly(3, 2, 2);
        assertThat(batches)
                .allSatisfy(batch -> assertThat(batch)
                        .containsEntry("attempts", 1)
                        .containsKey("msgId")
                        .extracting(found -> found.get("status"))
                        .isIn("SENT", "DELIVERED"));
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .until(() -> after.calls("message/mass/send") == 3);
        assertThat(followers)
                .allSatisfy(openId -> assertThat(after.massReceived(openId))
                        .singleElement()
                        .satisfies(entry -> assertThat(entry).containsEntry("content", "Winter sale")));
    }

    @Test
    @Order(1)
    void aSubscriptionAccountsSecondSendOfTheDayIsRefusedWithTheNextAllowedTimeAndAPreviewSpendsNothing() {
        if (running == null) {
            running = start(Map.of());
        }
        Fixture fixture = new Fixture(TestAccount.register("SUBSCRIPTION", true, "SUBSCRIPTION", true), running);
        List<String> followers = followers(fixture.account, "oMassQuota", 2);
        Map<String, Object> text = Map.of("content", "New menu");

        Map<String, Object> preview = fixture.post(
                        "/mass-sends/preview",
                        Map.of("openId", followers.get(0), "msgType", "text", "text", text),
                        null)
                .getResponseBody();
        assertThat(preview).containsEntry("openId", followers.get(0)).containsKey("msgId");
        EntityExchangeResult<Map<String, Object>> byOpenId =
                fixture.post("/mass-sends", Map.of("openIds", followers, "msgType", "text", "text", text), null);
        assertThat(byOpenId.getStatus().value()).isEqualTo(403);
        assertThat(byOpenId.getResponseBody()).containsEntry("code", "WECHAT_PERMISSION");

        // Two sends at once: the quota's single-document update lets exactly one through.
        Map<String, Object> toAll = Map.of("toAll", true, "msgType", "text", "text", text);
        List<EntityExchangeResult<Map<String, Object>>> raced = Flux.range(0, 2)
                .flatMap(i -> Mono.fromCallable(() -> fixture.post("/mass-sends", toAll, "race-" + i))
                        .subscribeOn(Schedulers.boundedElastic()))
                .collectList()
                .block();
        assertThat(raced).extracting(result -> result.getStatus().value()).containsExactlyInAnyOrder(202, 409);
        Map<String, Object> refused = raced.stream()
                .filter(result -> result.getStatus().value() == 409)
                .findFirst()
                .orElseThrow()
                .getResponseBody();
        Instant nextChinaDay = LocalDate.now(ZoneId.of("Asia/Shanghai"))
                .plusDays(1)
                .atStartOfDay(ZoneId.of("Asia/Shanghai"))
                .toInstant();
        assertThat(refused).containsEntry("code", "MASS_QUOTA").containsEntry("nextAllowedAt", nextChinaDay.toString());
        String accepted = raced.stream()
                .filter(result -> result.getStatus().value() == 202)
                .findFirst()
                .orElseThrow()
                .getResponseHeaders()
                .getFirst("Idempotent-Replayed");
        assertThat(accepted).isEqualTo("false");

        // The accepted one repeated with its key is its first answer, not a refusal; WeChat saw one send.
        String winner = raced.stream()
                .filter(result -> result.getStatus().value() == 202)
                .findFirst()
                .orElseThrow()
                .getResponseBody()
                .get("id")
                .toString();
        Map<String, Object> job = fixture.awaitJob(winner, found -> "FINISHED".equals(found.get("status")));
        assertThat(job).containsEntry("target", "ALL");
        assertThat(fixture.calls("message/mass/sendall")).isEqualTo(1);
        assertThat(fixture.calls("message/mass/preview")).isEqualTo(1);
        assertThat(fixture.massReceived(followers.get(0))).hasSize(2);
        assertThat(fixture.massReceived(followers.get(1))).hasSize(1);
    }

    @Test
    @Order(2)
    void aBatchWeChatTookBeforeACrashIsRecordedUnderItsFirstMsgIdAndNotSentAgain() {
        if (running == null) {
            running = start(Map.of());
        }
        Fixture fixture = new Fixture(TestAccount.register(), running);
        // A list past max-open-ids (about 3.2 MB of JSON) is read and refused by its field, not cut off as too large.
        List<String> tooMany = IntStream.rangeClosed(0, 100_000)
                .mapToObj(i -> String.format("oMassTooMany%016d", i))
                .toList();
        EntityExchangeResult<Map<String, Object>> tooLarge = fixture.post(
                "/mass-sends", Map.of("openIds", tooMany, "msgType", "text", "text", Map.of("content", "x")), null);
        assertThat(tooLarge.getStatus().value()).isEqualTo(400);
        assertThat(tooLarge.getResponseBody()).containsEntry("code", "VALIDATION_FAILED");
        assertThat(((Map<?, ?>) tooLarge.getResponseBody().get("errors")).containsKey("openIds"))
                .isTrue();
        List<String> followers = followers(fixture.account, "oMassAgain", 2);
        String key = "sent-before-a-crash";
        String jobId = Idempotency.sendId(fixture.account.tenantId(), fixture.account.appId(), key);
        // What an instance that died between WeChat's answer and its record leaves: WeChat has the batch's clientmsgid.
        String token = (String) fixture.sandbox
                .get()
                .uri(
                        "/cgi-bin/token?grant_type=client_credential&appid={a}&secret={s}",
                        fixture.account.appId(),
                        TestAccount.SECRET)
                .exchange()
                .expectBody(Conversation.JSON)
                .returnResult()
                .getResponseBody()
                .get("access_token");
        Map<String, Object> text = Map.of("content", "Flash sale");
        Object firstMsgId = fixture.sandbox
                .post()
                .uri("/cgi-bin/message/mass/sendall?access_token=" + token)
                .bodyValue(Map.of(
                        "filter",
                        Map.of("is_to_all", true),
                        "msgtype",
                        "text",
                        "text",
                        text,
                        "clientmsgid",
                        jobId + "-0"))
                .exchange()
                .expectBody(Conversation.JSON)
                .returnResult()
                .getResponseBody()
                .get("msg_id");
        // Past WeChat's minute of 45066: a repeat is now answered 45065 with the first msg_id.
        fixture.sandbox
                .post()
                .uri("/sandbox/clock/advance")
                .bodyValue(Map.of("seconds", 61))
                .exchange()
                .expectStatus()
                .isOk();

        String accepted = (String) fixture.accepted(Map.of("toAll", true, "msgType", "text", "text", text), key)
                .get("id");

        assertThat(accepted).isEqualTo(jobId);
        Map<String, Object> job = fixture.awaitJob(jobId, found -> "FINISHED".equals(found.get("status")));
        assertThat((List<Map<String, Object>>) job.get("batches"))
                .singleElement()
                .satisfies(batch -> assertThat(batch)
                        .containsEntry("status", "DELIVERED")
                        .containsEntry("msgId", String.valueOf(firstMsgId)));
        assertThat(fixture.calls("message/mass/sendall")).isEqualTo(2);
        assertThat(followers)
                .allSatisfy(openId -> assertThat(fixture.massReceived(openId)).hasSize(1));
    }

    private static List<String> followers(TestAccount account, String prefix, int count) {
        TestAccount.client(RealDependencies.sandboxUrl())
                .post()
                .uri("/sandbox/accounts/{a}/followers/bulk", account.appId())
                .bodyValue(Map.of("count", count, "openIdPrefix", prefix))
                .exchange()
                .expectStatus()
                .isCreated();
        return IntStream.range(0, count)
                .mapToObj(i -> prefix
                        + "0".repeat(28 - prefix.length() - String.valueOf(i).length())
                        + i)
                .toList();
    }

    private static ConfigurableApplicationContext start(Map<String, String> overrides) {
        Map<String, String> properties = new HashMap<>(TestIssuer.shared().serviceProperties());
        properties.put("server.port", "0");
        properties.put("spring.kafka.bootstrap-servers", TestInfrastructure.kafkaBootstrapServers());
        properties.put("wxplatform.mongodb.uri", TestInfrastructure.mongoUri());
        properties.put("wxplatform.mongodb.database", DATABASE);
        properties.put("wxplatform.inbound.group-id", "messaging-service-mass-it");
        properties.put("wxplatform.accounts.directory.group-id", "messaging-service-accounts-mass-it");
        properties.put("wxplatform.wechat.base-url", RealDependencies.sandboxUrl());
        properties.put("wxplatform.token-service.url", RealDependencies.tokenServiceUrl());
        properties.put("wxplatform.internal.auth-token", RealDependencies.INTERNAL_AUTH_TOKEN);
        properties.putAll(overrides);
        return new SpringApplicationBuilder(MessagingServiceApplication.class)
                .run(properties.entrySet().stream()
                        .map(property -> "--" + property.getKey() + "=" + property.getValue())
                        .toArray(String[]::new));
    }

    /** A registered account known to a running messaging-service, its sandbox callbacks going to the relay. */
    private static final class Fixture {
        final TestAccount account;
        final WebTestClient messaging;
        final WebTestClient sandbox = TestAccount.client(RealDependencies.sandboxUrl());

        Fixture(TestAccount account, ConfigurableApplicationContext context) {
            this.account = account;
            this.messaging = account.adminClient(
                    "http://localhost:" + context.getEnvironment().getProperty("local.server.port"));
            account.awaitKnownBy(messaging);
            relay.follow(account, RealDependencies.sandboxUrl());
        }

        String base() {
            return "/api/v1/tenants/" + account.tenantId() + "/accounts/" + account.appId();
        }

        EntityExchangeResult<Map<String, Object>> post(String path, Map<String, Object> body, String key) {
            return messaging
                    .post()
                    .uri(base() + path)
                    .headers(h -> h.set(
                            "Idempotency-Key", key == null ? UUID.randomUUID().toString() : key))
                    .bodyValue(body)
                    .exchange()
                    .expectBody(Conversation.JSON)
                    .returnResult();
        }

        Map<String, Object> accepted(Map<String, Object> body, String key) {
            EntityExchangeResult<Map<String, Object>> result = post("/mass-sends", body, key);
            assertThat(result.getStatus().value())
                    .as(String.valueOf(result.getResponseBody()))
                    .isEqualTo(202);
            return result.getResponseBody();
        }

        Map<String, Object> job(String id) {
            return messaging
                    .get()
                    .uri(base() + "/mass-sends/" + id)
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody(Conversation.JSON)
                    .returnResult()
                    .getResponseBody();
        }

        Map<String, Object> awaitJob(String id, java.util.function.Predicate<Map<String, Object>> condition) {
            return await().atMost(Duration.ofSeconds(30)).until(() -> job(id), condition);
        }

        long calls(String api) {
            return sandbox
                    .get()
                    .uri("/sandbox/accounts/{a}/api-calls", account.appId())
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody(Conversation.JSON_LIST)
                    .returnResult()
                    .getResponseBody()
                    .stream()
                    .filter(call -> api.equals(call.get("api")))
                    .count();
        }

        List<Map<String, Object>> massReceived(String openId) {
            return sandbox
                    .get()
                    .uri("/sandbox/accounts/{a}/followers/{o}/inbox", account.appId(), openId)
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody(Conversation.JSON_LIST)
                    .returnResult()
                    .getResponseBody()
                    .stream()
                    .filter(entry -> "MASS".equals(entry.get("source")))
                    .toList();
        }
    }
}
