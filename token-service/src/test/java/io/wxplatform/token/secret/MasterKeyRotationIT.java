package io.wxplatform.token.secret;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.reactivestreams.client.MongoDatabase;
import io.wxplatform.testkit.auth.TestIssuer;
import io.wxplatform.token.Fixtures;
import io.wxplatform.token.Sandbox;
import io.wxplatform.token.TestClockConfiguration;
import io.wxplatform.token.TokenServiceApplication;
import io.wxplatform.token.TokenServiceITSupport;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.types.Binary;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;

/**
 * Key A ("dev1" from application.yml) seals an account's secrets and its token; a restart with A and B (B active)
 * in command mode re-seals them under B. Runs in a database of its own: the other ITs' contexts only know A.
 */
class MasterKeyRotationIT {

    private static final String KEY_B = base64Key();
    private final String database = "wx_token_rotation_" + Fixtures.hex(4);

    @Test
    void everySecretIsResealedUnderTheNewKeyAndAnUnopenableOneIsReportedNotDestroyed() {
        String tenantId = Fixtures.tenantId();
        String appId = Fixtures.appId();
        String secret = Fixtures.secret();
        String callbackToken = "tok" + Fixtures.hex(4);
        String componentAppId = Fixtures.appId();
        Sandbox.registerAccount(appId, secret, callbackToken, Fixtures.AES_KEY);
        Map<String, Object> tokenUnderA;
        try (ConfigurableApplicationContext keyA = start()) {
            WebTestClient http = client(keyA);
            http.post()
                    .uri("/api/v1/tenants")
                    .bodyValue(Map.of("id", tenantId, "name", "Rotation"))
                    .exchange()
                    .expectStatus()
                    .isCreated();
            http.post()
                    .uri("/api/v1/tenants/{t}/accounts", tenantId)
                    .bodyValue(Fixtures.account(appId, secret, callbackToken))
                    .exchange()
                    .expectStatus()
                    .isCreated();
            tokenUnderA = accessToken(http, appId);
            // Rotate the callback AES key so the previous one is sealed too.
            http.patch()
                    .uri("/api/v1/tenants/{t}/accounts/{a}", tenantId, appId)
                    .bodyValue(Map.of("encodingAesKey", "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopq"))
                    .exchange()
                    .expectStatus()
                    .is2xxSuccessful();
            MongoDatabase db = keyA.getBean(MongoDatabase.class);
            assertThat(kids(raw(db, "accounts", appId).get("secrets", Document.class)))
                    .containsOnly("dev1");
            // A component with its verify ticket, and an authorizer refresh token next to the token.
            http.put()
                    .uri("/api/v1/components/{c}", componentAppId)
                    .bodyValue(Map.of(
                            "appSecret", "component-secret", "token", "ctok1", "encodingAesKey", Fixtures.AES_KEY))
                    .exchange()
                    .expectStatus()
                    .isOk();
            SecretBox keyABox = keyA.getBean(SecretBox.class);
            Mono.from(db.getCollection("components")
                            .updateOne(
                                    new Document("_id", componentAppId),
                                    new Document(
                                            "$set",
                                            new Document(
                                                    "ticket",
                                                    new Document(
                                                                    "value",
                                                                    keyABox.seal(
                                                                                    "ticket@@@1",
                                                                                    "component|" + componentAppId
                                                                                            + "|ticket")
                                                                            .toDocument())
                                                            .append("createTime", 1L)
                                                            .append("receivedAt", new java.util.Date())))))
                    .block(Duration.ofSeconds(5));
            Mono.from(db.getCollection("credentials")
                            .updateOne(
                                    new Document("_id", appId + "|ACCESS_TOKEN"),
                                    new Document(
                                            "$set",
                                            new Document(
                                                    "refreshToken",
                                                    keyABox.seal(
                                                                    "refreshtoken@@@1",
                                                                    appId + "|ACCESS_TOKEN|refreshToken")
                                                            .toDocument()))))
                    .block(Duration.ofSeconds(5));
            Mono.from(db.getCollection("accounts").insertOne(orphan("wxorphan0000000001")))
                    .block(Duration.ofSeconds(5));
        }

        try (ConfigurableApplicationContext keysAB = start(
                "--wxplatform.secrets.keys.rot2=" + KEY_B,
                "--wxplatform.secrets.active-kid=rot2",
                "--wxplatform.secrets.reencrypt=true")) {
            ReencryptionCommand command = keysAB.getBean(ReencryptionCommand.class);
            MongoDatabase db = keysAB.getBean(MongoDatabase.class);
            Document account = raw(db, "accounts", appId);
            Document credential = raw(db, "credentials", appId + "|ACCESS_TOKEN");

            assertThat(command.report().accountsResealed()).isEqualTo(1);
            assertThat(command.report().credentialsResealed()).isEqualTo(1);
            assertThat(command.report().failed()).containsExactly("accounts/wxorphan0000000001");
            assertThat(command.getExitCode()).isEqualTo(1);
            assertThat(raw(db, "accounts", "wxorphan0000000001")).isEqualTo(orphan("wxorphan0000000001"));

            // Only key B is needed from now on: every envelope opens with B alone.
            SecretBox onlyB = new SecretBox(new SecretsProperties(Map.of("rot2", KEY_B), "rot2"));
            Document secrets = account.get("secrets", Document.class);
            assertThat(kids(secrets)).containsOnly("rot2");
            assertThat(onlyB.open(sealed(secrets, "appSecret"), appId + "|appSecret"))
                    .isEqualTo(secret);
            assertThat(onlyB.open(sealed(secrets, "callbackToken"), appId + "|callbackToken"))
                    .isEqualTo(callbackToken);
            assertThat(onlyB.open(sealed(secrets, "previousEncodingAesKey"), appId + "|previousEncodingAesKey"))
                    .isEqualTo(Fixtures.AES_KEY);
            assertThat(onlyB.open(
                            SealedSecret.fromDocument(credential.get("value", Document.class)),
                            appId + "|ACCESS_TOKEN"))
                    .isEqualTo(tokenUnderA.get("accessToken"));
            assertThat(credential.get("version")).isEqualTo(1L);
            assertThat(onlyB.open(
                            SealedSecret.fromDocument(credential.get("refreshToken", Document.class)),
                            appId + "|ACCESS_TOKEN|refreshToken"))
                    .isEqualTo("refreshtoken@@@1");
            assertThat(command.report().componentsResealed()).isEqualTo(1);
            Document component = raw(db, "components", componentAppId);
            assertThat(onlyB.open(sealed(component, "appSecret"), "component|" + componentAppId + "|appSecret"))
                    .isEqualTo("component-secret");
            assertThat(onlyB.open(sealed(component, "token"), "component|" + componentAppId + "|token"))
                    .isEqualTo("ctok1");
            assertThat(onlyB.open(
                            sealed(component.get("ticket", Document.class), "value"),
                            "component|" + componentAppId + "|ticket"))
                    .isEqualTo("ticket@@@1");

            // The service still serves the same token and can still use the re-sealed AppSecret to replace it.
            WebTestClient http = client(keysAB);
            assertThat(accessToken(http, appId)).isEqualTo(tokenUnderA);
            http.post()
                    .uri("/internal/v1/accounts/{a}/access-token/invalid", appId)
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + TokenServiceITSupport.INTERNAL_TOKEN)
                    .bodyValue(Map.of("version", 1))
                    .exchange()
                    .expectStatus()
                    .isAccepted();
            Map<String, Object> next = accessToken(http, appId);
            assertThat(next.get("version")).isEqualTo(2);
            assertThat(raw(db, "credentials", appId + "|ACCESS_TOKEN")
                            .get("value", Document.class)
                            .getString("kid"))
                    .isEqualTo("rot2");
        }
    }

    private ConfigurableApplicationContext start(String... extra) {
        List<String> args = new ArrayList<>();
        args.add("--server.port=0");
        args.add("--wxplatform.mongodb.database=" + database);
        TokenServiceITSupport.properties().forEach((key, value) -> args.add("--" + key + "=" + value));
        args.addAll(List.of(extra));
        return new SpringApplicationBuilder(TokenServiceApplication.class, TestClockConfiguration.class)
                .run(args.toArray(String[]::new));
    }

    private static WebTestClient client(ConfigurableApplicationContext context) {
        return WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + context.getEnvironment().getProperty("local.server.port"))
                .responseTimeout(Duration.ofSeconds(15))
                .defaultHeaders(
                        headers -> headers.setBearerAuth(TestIssuer.shared().operator()))
                .build();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> accessToken(WebTestClient http, String appId) {
        return http.get()
                .uri("/internal/v1/accounts/{a}/access-token", appId)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TokenServiceITSupport.INTERNAL_TOKEN)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
    }

    private static Document raw(MongoDatabase db, String collection, String id) {
        return Mono.from(db.getCollection(collection)
                        .find(new Document("_id", id))
                        .first())
                .block(Duration.ofSeconds(5));
    }

    private static List<String> kids(Document secrets) {
        return secrets.values().stream()
                .map(v -> ((Document) v).getString("kid"))
                .toList();
    }

    private static SealedSecret sealed(Document secrets, String field) {
        return SealedSecret.fromDocument(secrets.get(field, Document.class));
    }

    /** An account sealed under a key id nobody has any more. */
    private static Document orphan(String appId) {
        return new Document("_id", appId)
                .append("tenantId", "t-orphan")
                .append(
                        "secrets",
                        new Document(
                                "appSecret",
                                new Document("kid", "gone")
                                        .append("iv", new Binary(new byte[12]))
                                        .append("ct", new Binary(new byte[32]))));
    }

    private static String base64Key() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
