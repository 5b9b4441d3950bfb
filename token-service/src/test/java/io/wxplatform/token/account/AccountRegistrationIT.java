package io.wxplatform.token.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxplatform.events.CloudEventHeaders;
import io.wxplatform.events.Topics;
import io.wxplatform.testkit.KafkaProbe;
import io.wxplatform.token.Fixtures;
import io.wxplatform.token.TokenServiceITSupport;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;

class AccountRegistrationIT extends TokenServiceITSupport {

    @Autowired
    private AccountRepository accounts;

    @Autowired
    private PendingEventRelay relay;

    @Test
    void aRegisteredAccountIsShownWithoutItsSecretsAndStoredEncrypted() {
        String tenantId = Fixtures.tenantId();
        String appId = Fixtures.appId();
        String secret = Fixtures.secret();
        createTenant(tenantId).expectStatus().isCreated();

        List<String> created = new ArrayList<>();
        registerAccount(tenantId, Fixtures.account(appId, secret, "cbtoken42"))
                .expectStatus()
                .isCreated()
                .expectBody()
                .jsonPath("$.appId")
                .isEqualTo(appId)
                .jsonPath("$.tenantId")
                .isEqualTo(tenantId)
                .jsonPath("$.type")
                .isEqualTo("SERVICE")
                .jsonPath("$.verified")
                .isEqualTo(true)
                .jsonPath("$.mode")
                .isEqualTo("DIRECT")
                .jsonPath("$.status")
                .isEqualTo("ACTIVE")
                .jsonPath("$.appSecretSet")
                .isEqualTo(true)
                .jsonPath("$.callbackTokenSet")
                .isEqualTo(true)
                .jsonPath("$.encodingAesKeySet")
                .isEqualTo(true)
                .jsonPath("$.createdAt")
                .exists()
                .consumeWith(result -> created.add(new String(result.getResponseBody(), StandardCharsets.UTF_8)));
        String shown = http.get()
                .uri("/api/v1/tenants/{t}/accounts/{a}", tenantId, appId)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        String listed = http.get()
                .uri("/api/v1/tenants/{t}/accounts", tenantId)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();

        for (String body : List.of(created.get(0), shown, listed)) {
            assertThat(body)
                    .contains(appId)
                    .doesNotContain(secret)
                    .doesNotContain("cbtoken42")
                    .doesNotContain(Fixtures.AES_KEY);
        }
        Document raw = rawDocument("accounts", appId);
        assertThat(raw.toJson())
                .doesNotContain(secret)
                .doesNotContain("cbtoken42")
                .doesNotContain(Fixtures.AES_KEY);
        Document sealed = raw.get("secrets", Document.class).get("appSecret", Document.class);
        assertThat(sealed.keySet()).containsExactlyInAnyOrder("kid", "iv", "ct");
        assertThat(sealed.getString("kid")).isEqualTo("dev1");
    }

    @Test
    void everyInvalidFieldIsNamedInTheProblem() {
        String tenantId = Fixtures.tenantId();
        createTenant(tenantId).expectStatus().isCreated();
        Map<String, Object> invalid = Map.of(
                "appId",
                "wxNOTHEX",
                "name",
                "",
                "type",
                "BLOG",
                "appSecret",
                "short",
                "callbackToken",
                "no spaces allowed",
                "encodingAesKey",
                "tooShort");

        registerAccount(tenantId, invalid)
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("VALIDATION_FAILED")
                .jsonPath("$.errors.appId")
                .exists()
                .jsonPath("$.errors.name")
                .exists()
                .jsonPath("$.errors.type")
                .exists()
                .jsonPath("$.errors.verified")
                .exists()
                .jsonPath("$.errors.appSecret")
                .exists()
                .jsonPath("$.errors.callbackToken")
                .exists()
                .jsonPath("$.errors.encodingAesKey")
                .exists();
    }

    @Test
    void anAppIdCanBeRegisteredOnlyOncePlatformWide() {
        String first = Fixtures.tenantId();
        String second = Fixtures.tenantId();
        String appId = Fixtures.appId();
        createTenant(first).expectStatus().isCreated();
        createTenant(second).expectStatus().isCreated();
        registerAccount(first, Fixtures.account(appId, Fixtures.secret(), "tok1"))
                .expectStatus()
                .isCreated();

        registerAccount(first, Fixtures.account(appId, Fixtures.secret(), "tok2"))
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("ACCOUNT_EXISTS");
        registerAccount(second, Fixtures.account(appId, Fixtures.secret(), "tok3"))
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("ACCOUNT_EXISTS");
    }

    @Test
    void registeringUnderAnUnknownTenantIsNotFound() {
        registerAccount(Fixtures.tenantId(), Fixtures.account(Fixtures.appId(), Fixtures.secret(), "tok1"))
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("TENANT_NOT_FOUND");
    }

    @Test
    void anotherTenantsAccountLooksExactlyLikeAMissingOne() {
        String owner = Fixtures.tenantId();
        String other = Fixtures.tenantId();
        String appId = Fixtures.appId();
        createTenant(owner).expectStatus().isCreated();
        createTenant(other).expectStatus().isCreated();
        registerAccount(owner, Fixtures.account(appId, Fixtures.secret(), "tok1"))
                .expectStatus()
                .isCreated();

        WebTestClient otherAdmin = asAdminOf(other);

        String foreign = otherAdmin
                .get()
                .uri("/api/v1/tenants/{t}/accounts/{a}", other, appId)
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        String missing = otherAdmin
                .get()
                .uri("/api/v1/tenants/{t}/accounts/{a}", other, "wx0000000000000000")
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        otherAdmin
                .get()
                .uri("/api/v1/tenants/{t}/accounts/{a}", owner, appId)
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("TENANT_NOT_FOUND");
        otherAdmin
                .get()
                .uri("/api/v1/tenants/{t}/accounts", other)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.total")
                .isEqualTo(0)
                .jsonPath("$.items")
                .isEmpty();

        assertThat(foreign).contains("ACCOUNT_NOT_FOUND");
        assertThat(foreign.replace(appId, "X")).isEqualTo(missing.replace("wx0000000000000000", "X"));
    }

    @Test
    void accountsAreListedPageByPage() {
        String tenantId = Fixtures.tenantId();
        createTenant(tenantId).expectStatus().isCreated();
        for (int i = 0; i < 3; i++) {
            registerAccount(tenantId, Fixtures.account(Fixtures.appId(), Fixtures.secret(), "tok" + i))
                    .expectStatus()
                    .isCreated();
        }

        http.get()
                .uri("/api/v1/tenants/{t}/accounts?page=1&size=2", tenantId)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.total")
                .isEqualTo(3)
                .jsonPath("$.page")
                .isEqualTo(1)
                .jsonPath("$.size")
                .isEqualTo(2)
                .jsonPath("$.items.length()")
                .isEqualTo(1);
        http.get()
                .uri("/api/v1/tenants/{t}/accounts?size=1000", tenantId)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors.size")
                .exists();
    }

    @Test
    void aRegistrationIsAnnouncedOnKafkaWithoutSecrets() {
        String tenantId = Fixtures.tenantId();
        String appId = Fixtures.appId();
        String secret = Fixtures.secret();
        createTenant(tenantId).expectStatus().isCreated();

        try (KafkaProbe probe = KafkaProbe.on(Topics.ACCOUNT)) {
            registerAccount(tenantId, Fixtures.account(appId, secret, "cbtoken42"))
                    .expectStatus()
                    .isCreated();

            ConsumerRecord<String, byte[]> record =
                    probe.awaitMatching(r -> appId.equals(r.key()), 1, Duration.ofSeconds(30)).stream()
                            .filter(r -> appId.equals(r.key()))
                            .findFirst()
                            .orElseThrow();

            String body = new String(record.value(), StandardCharsets.UTF_8);
            assertThat(body)
                    .contains("\"type\":\"REGISTERED\"")
                    .contains(tenantId)
                    .contains("\"mode\":\"DIRECT\"")
                    .doesNotContain(secret)
                    .doesNotContain("cbtoken42")
                    .doesNotContain(Fixtures.AES_KEY);
            var cloudEvent = CloudEventHeaders.read(record.headers());
            assertThat(cloudEvent.type()).isEqualTo("io.wxplatform.wx.account.registered");
            assertThat(cloudEvent.appId()).isEqualTo(appId);
            assertThat(cloudEvent.tenantId()).isEqualTo(tenantId);
            assertThat(rawDocument("accounts", appId).containsKey("pendingEvent"))
                    .isFalse();
        }
    }

    @Test
    void aNoticeKafkaDidNotAcknowledgeIsSentAgainByTheRelay() {
        String tenantId = Fixtures.tenantId();
        String appId = Fixtures.appId();
        Instant registeredAt = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.MILLIS);
        Account unannounced = new Account(
                appId,
                tenantId,
                "Unannounced",
                AccountType.SUBSCRIPTION,
                false,
                AccountMode.DIRECT,
                AccountStatus.ACTIVE,
                new AccountSecrets(null, null, null, null),
                registeredAt,
                registeredAt,
                new Account.PendingEvent("REGISTERED", registeredAt),
                null);
        accounts.insert(unannounced).block(Duration.ofSeconds(5));

        try (KafkaProbe probe = KafkaProbe.on(Topics.ACCOUNT)) {
            relay.relayOnce().block(Duration.ofSeconds(30));

            probe.awaitMatching(r -> appId.equals(r.key()), 1, Duration.ofSeconds(30));
            assertThat(rawDocument("accounts", appId).containsKey("pendingEvent"))
                    .isFalse();
        }
    }

    @Test
    void aRevocationWhoseTokenWipeFailedIsFinishedByTheRelayBeforeItsNotice() {
        String appId = Fixtures.appId();
        Instant revokedAt = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.MILLIS);
        // What a MongoDB failure right after the revocation's one write leaves: the status and its pending notice,
        // and the account's tokens still stored.
        Account revoked = new Account(
                appId,
                Fixtures.tenantId(),
                "Revoked",
                AccountType.SERVICE,
                true,
                AccountMode.COMPONENT,
                AccountStatus.UNAUTHORIZED,
                new AccountSecrets(null, null, null, null),
                revokedAt,
                revokedAt,
                new Account.PendingEvent("STATUS_CHANGED", revokedAt),
                new Account.ComponentLink(Fixtures.appId(), List.of(1)));
        try (KafkaProbe probe = KafkaProbe.on(Topics.ACCOUNT)) {
            Mono.from(database.getCollection("credentials")
                            .insertMany(List.of(
                                    new Document("_id", appId + "|ACCESS_TOKEN").append("appId", appId),
                                    new Document("_id", appId + "|JSAPI_TICKET").append("appId", appId))))
                    .block(Duration.ofSeconds(5));
            accounts.insert(revoked).block(Duration.ofSeconds(5));

            relay.relayOnce().block(Duration.ofSeconds(30));

            assertThat(rawDocument("credentials", appId + "|ACCESS_TOKEN")).isNull();
            assertThat(rawDocument("credentials", appId + "|JSAPI_TICKET")).isNull();
            ConsumerRecord<String, byte[]> notice = probe.awaitMatching(
                            r -> appId.equals(r.key()), 1, Duration.ofSeconds(30))
                    .get(0);
            assertThat(new String(notice.value(), StandardCharsets.UTF_8)).contains("\"status\":\"UNAUTHORIZED\"");
            assertThat(rawDocument("accounts", appId).containsKey("pendingEvent"))
                    .isFalse();
        }
    }
}
