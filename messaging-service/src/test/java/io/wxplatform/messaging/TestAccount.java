package io.wxplatform.messaging;

import io.wxplatform.testkit.InboundEvents;
import io.wxplatform.testkit.auth.TestIssuer;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.awaitility.Awaitility;
import org.springframework.test.web.reactive.server.WebTestClient;

/** A fresh tenant and WeChat account, registered in the real sandbox (as WeChat) and the real token-service. */
record TestAccount(String tenantId, String appId) {

    static final String SECRET = "it-app-secret-0123456789abcdef";
    private static final String AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";

    static TestAccount register() {
        return register("SERVICE", true, "SERVICE", true);
    }

    /**
     * An account whose type and verification are {@code declaredType}/{@code declaredVerified} in token-service (what
     * the tenant says) and {@code wechatType}/{@code wechatVerified} in the sandbox (what WeChat knows).
     */
    static TestAccount register(
            String declaredType, boolean declaredVerified, String wechatType, boolean wechatVerified) {
        TestAccount account = new TestAccount(
                "tenant-" + UUID.randomUUID().toString().substring(0, 8),
                "wx" + String.format("%016x", ThreadLocalRandom.current().nextLong()));
        client(RealDependencies.sandboxUrl())
                .post()
                .uri("/sandbox/accounts")
                .bodyValue(Map.of(
                        "appId",
                        account.appId,
                        "secret",
                        SECRET,
                        "name",
                        "IT account",
                        "callbackUrl",
                        "http://127.0.0.1:1/nowhere",
                        "token",
                        "ittoken",
                        "encodingAesKey",
                        AES_KEY,
                        "encryptionMode",
                        "PLAIN",
                        "type",
                        wechatType,
                        "verified",
                        wechatVerified))
                .exchange()
                .expectStatus()
                .is2xxSuccessful();
        WebTestClient tokenService =
                client(RealDependencies.tokenServiceUrl(), TestIssuer.shared().operator());
        tokenService
                .post()
                .uri("/api/v1/tenants")
                .bodyValue(Map.of("id", account.tenantId, "name", "IT tenant"))
                .exchange()
                .expectStatus()
                .is2xxSuccessful();
        tokenService
                .post()
                .uri("/api/v1/tenants/{tenantId}/accounts", account.tenantId)
                .bodyValue(Map.of(
                        "appId",
                        account.appId,
                        "name",
                        "IT account",
                        "type",
                        declaredType,
                        "verified",
                        declaredVerified,
                        "appSecret",
                        SECRET,
                        "callbackToken",
                        "ittoken",
                        "encodingAesKey",
                        AES_KEY))
                .exchange()
                .expectStatus()
                .isCreated();
        return account;
    }

    /** Waits until messaging-service learnt the account from token-service's REGISTERED notice on wx.account.v1. */
    void awaitKnownBy(WebTestClient messaging) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> messaging
                        .get()
                        .uri("/api/v1/tenants/{t}/accounts/{a}/messages", tenantId, appId)
                        .exchange()
                        .expectStatus()
                        .isOk());
    }

    InboundEvents events() {
        return new InboundEvents(tenantId, appId);
    }

    /** A client of a service's REST API as this tenant's admin. */
    WebTestClient adminClient(String baseUrl) {
        return client(baseUrl, TestIssuer.shared().mint(tenantId, TestIssuer.TENANT_ADMIN));
    }

    static WebTestClient client(String baseUrl) {
        return WebTestClient.bindToServer()
                .baseUrl(baseUrl)
                .responseTimeout(Duration.ofSeconds(30))
                .build();
    }

    static WebTestClient client(String baseUrl, String bearerToken) {
        return WebTestClient.bindToServer()
                .baseUrl(baseUrl)
                .responseTimeout(Duration.ofSeconds(30))
                .defaultHeaders(headers -> headers.setBearerAuth(bearerToken))
                .build();
    }
}
