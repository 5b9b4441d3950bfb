package io.wxplatform.token.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.wxplatform.events.CloudEventHeaders;
import io.wxplatform.events.Topics;
import io.wxplatform.testkit.KafkaProbe;
import io.wxplatform.token.Fixtures;
import io.wxplatform.token.TestClock;
import io.wxplatform.token.TokenServiceITSupport;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;

class AccountLifecycleIT extends TokenServiceITSupport {

    private static final String NEW_AES_KEY = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghij0123456";

    private String path(Registered account) {
        return "/api/v1/tenants/" + account.tenantId() + "/accounts/" + account.appId();
    }

    @Test
    @SuppressWarnings("unchecked")
    void anUpdateChangesOnlyTheGivenFieldsKeepsThePreviousAesKeyAndIsAnnounced() {
        Registered account = registered();
        String newSecret = Fixtures.secret();
        try (KafkaProbe probe = KafkaProbe.on(Topics.ACCOUNT)) {
            http.patch()
                    .uri(path(account))
                    .bodyValue(Map.of(
                            "name",
                            "Renamed",
                            "verified",
                            false,
                            "appSecret",
                            newSecret,
                            "encodingAesKey",
                            NEW_AES_KEY))
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.name")
                    .isEqualTo("Renamed")
                    .jsonPath("$.verified")
                    .isEqualTo(false)
                    .jsonPath("$.type")
                    .isEqualTo("SERVICE")
                    .jsonPath("$.appSecretSet")
                    .isEqualTo(true)
                    .jsonPath("$.appSecret")
                    .doesNotExist();

            ConsumerRecord<String, byte[]> notice = awaitNotice(probe, account.appId(), "updated");
            // The new verification travels with the notice: services apply WeChat's permission table with it.
            assertThat(new String(notice.value(), StandardCharsets.UTF_8))
                    .doesNotContain(newSecret)
                    .doesNotContain(NEW_AES_KEY)
                    .contains("\"accountType\":\"SERVICE\"")
                    .contains("\"verified\":false");
        }
        Map<String, Object> settings = internalGet("/internal/v1/accounts/{a}/callback-settings", account.appId())
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON_MAP)
                .returnResult()
                .getResponseBody();
        assertThat((List<Object>) settings.get("aesKeys")).containsExactly(NEW_AES_KEY, Fixtures.AES_KEY);
        assertThat(rawDocument("accounts", account.appId()).toJson()).doesNotContain(newSecret);
    }

    @Test
    void anInvalidUpdateNamesTheFieldAndChangesNothing() {
        Registered account = registered();
        http.patch()
                .uri(path(account))
                .bodyValue(Map.of("type", "CHANNEL", "encodingAesKey", "short"))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("VALIDATION_FAILED")
                .jsonPath("$.errors.type")
                .exists()
                .jsonPath("$.errors.encodingAesKey")
                .exists();
        http.get().uri(path(account)).exchange().expectBody().jsonPath("$.type").isEqualTo("SERVICE");
    }

    @Test
    void aSuspendedAccountServesNoTokenUntilItIsResumed() {
        Registered account = registered();
        accessToken(account.appId());
        try (KafkaProbe probe = KafkaProbe.on(Topics.ACCOUNT)) {
            http.post()
                    .uri(path(account) + ":suspend")
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.status")
                    .isEqualTo("SUSPENDED");
            awaitNotice(probe, account.appId(), "suspended");
            internalGet("/internal/v1/accounts/{a}/callback-settings", account.appId())
                    .exchange()
                    .expectBody()
                    .jsonPath("$.status")
                    .isEqualTo("SUSPENDED");

            http.post()
                    .uri(path(account) + ":resume")
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.status")
                    .isEqualTo("ACTIVE");
            awaitNotice(probe, account.appId(), "resumed");
        }
        assertThat(rawDocument("credentials", account.appId() + "|ACCESS_TOKEN").get("refreshAt"))
                .isNotNull();
    }

    @Test
    void aSuspendedAccountsDueCredentialIsParkedAndAnExpiredOneIsNotReplacedUntilItIsResumed() {
        Registered account = registered();
        String credential = account.appId() + "|ACCESS_TOKEN";
        accessToken(account.appId());
        http.post().uri(path(account) + ":suspend").exchange().expectStatus().isOk();

        // While it is suspended, its token comes due and runs out.
        Date now = Date.from(TestClock.INSTANCE.instant());
        Mono.from(database.getCollection("credentials")
                        .updateOne(
                                Filters.eq("_id", credential),
                                Updates.combine(Updates.set("refreshAt", now), Updates.set("expiresAt", now))))
                .block(Duration.ofSeconds(5));
        // The scheduler parks it (no ACTIVE account) instead of backing off and trying again ...
        await().atMost(Duration.ofSeconds(15))
                .until(() -> rawDocument("credentials", credential).get("refreshAt") == null);
        // ... and a caller gets no new token either.
        internalGet("/internal/v1/accounts/{a}/access-token", account.appId())
                .exchange()
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("ACCOUNT_NOT_ACTIVE");
        assertThat(rawDocument("credentials", credential).getLong("version")).isEqualTo(1L);

        http.post().uri(path(account) + ":resume").exchange().expectStatus().isOk();
        await().atMost(Duration.ofSeconds(15))
                .until(() -> rawDocument("credentials", credential).getLong("version") == 2L);
        assertThat(accessToken(account.appId()).get("version")).isEqualTo(2);
    }

    @Test
    void aDeletedAccountIsGoneWithItsCredentialsAndAnnounced() {
        Registered account = registered();
        accessToken(account.appId());
        try (KafkaProbe probe = KafkaProbe.on(Topics.ACCOUNT)) {
            http.delete().uri(path(account)).exchange().expectStatus().isNoContent();
            awaitNotice(probe, account.appId(), "deleted");
        }
        http.get().uri(path(account)).exchange().expectStatus().isNotFound();
        http.delete().uri(path(account)).exchange().expectStatus().isNotFound();
        assertThat(rawDocument("credentials", account.appId() + "|ACCESS_TOKEN"))
                .isNull();
        assertThat(rawDocument("accounts", account.appId())).isNull();
        http.get()
                .uri("/api/v1/tenants/{t}/accounts", account.tenantId())
                .exchange()
                .expectBody()
                .jsonPath("$.total")
                .isEqualTo(0);
    }

    @Test
    void anotherTenantCannotChangeSuspendResumeOrDeleteAnAccount() {
        Registered account = registered();
        String other = Fixtures.tenantId();
        createTenant(other).expectStatus().isCreated();
        String foreign = "/api/v1/tenants/" + other + "/accounts/" + account.appId();

        WebTestClient otherAdmin = asAdminOf(other);

        otherAdmin
                .patch()
                .uri(foreign)
                .bodyValue(Map.of("name", "Mine"))
                .exchange()
                .expectStatus()
                .isNotFound();
        otherAdmin.post().uri(foreign + ":suspend").exchange().expectStatus().isNotFound();
        otherAdmin.post().uri(foreign + ":resume").exchange().expectStatus().isNotFound();
        otherAdmin.delete().uri(foreign).exchange().expectStatus().isNotFound();
        otherAdmin.delete().uri(path(account)).exchange().expectStatus().isNotFound();

        Document stored = rawDocument("accounts", account.appId());
        assertThat(stored.getString("status")).isEqualTo("ACTIVE");
        assertThat(stored.getString("name")).isEqualTo("Account " + account.appId());
    }

    private static ConsumerRecord<String, byte[]> awaitNotice(KafkaProbe probe, String appId, String type) {
        return probe.awaitMatching(
                        r -> appId.equals(r.key())
                                && ("io.wxplatform.wx.account." + type)
                                        .equals(new String(
                                                r.headers()
                                                        .lastHeader(CloudEventHeaders.TYPE)
                                                        .value(),
                                                StandardCharsets.UTF_8)),
                        1,
                        Duration.ofSeconds(15))
                .get(0);
    }
}
