package io.wxplatform.messaging;

import io.wxplatform.testkit.auth.TestIssuer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.awaitility.Awaitility;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A fresh tenant and account of a given WeChat type and verification, registered in the real sandbox and the real
 * token-service as {@link TestAccount} does, for tests of WeChat's permission table.
 */
final class TypedTestAccount {

    private static final String SECRET = "it-app-secret-0123456789abcdef";
    private static final String AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";

    private TypedTestAccount() {}

    static TestAccount register(String type, boolean verified) {
        return register(RealDependencies.sandboxUrl(), RealDependencies.tokenServiceUrl(), type, verified);
    }

    /** As {@link #register(String, boolean)}, in a sandbox and token-service of the test's own. */
    static TestAccount register(String sandboxUrl, String tokenServiceUrl, String type, boolean verified) {
        TestAccount account = new TestAccount(
                "tenant-" + UUID.randomUUID().toString().substring(0, 8),
                "wx" + String.format("%016x", ThreadLocalRandom.current().nextLong()));
        TestAccount.client(sandboxUrl)
                .post()
                .uri("/sandbox/accounts")
                .bodyValue(Map.of(
                        "appId",
                        account.appId(),
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
                        type,
                        "verified",
                        verified))
                .exchange()
                .expectStatus()
                .is2xxSuccessful();
        WebTestClient tokenService =
                TestAccount.client(tokenServiceUrl, TestIssuer.shared().operator());
        tokenService
                .post()
                .uri("/api/v1/tenants")
                .bodyValue(Map.of("id", account.tenantId(), "name", "IT tenant"))
                .exchange()
                .expectStatus()
                .is2xxSuccessful();
        tokenService
                .post()
                .uri("/api/v1/tenants/{tenantId}/accounts", account.tenantId())
                .bodyValue(Map.of(
                        "appId", account.appId(),
                        "name", "IT account",
                        "type", type,
                        "verified", verified,
                        "appSecret", SECRET,
                        "callbackToken", "ittoken",
                        "encodingAesKey", AES_KEY))
                .exchange()
                .expectStatus()
                .isCreated();
        return account;
    }

    /**
     * Waits until messaging-service learnt the account (with its type and verification) from token-service's notice:
     * until the menu endpoint stops answering ACCOUNT_NOT_FOUND.
     */
    static void awaitKnown(TestAccount account, WebTestClient messaging) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
            byte[] body = messaging
                    .get()
                    .uri("/api/v1/tenants/{t}/accounts/{a}/menu", account.tenantId(), account.appId())
                    .exchange()
                    .expectBody()
                    .returnResult()
                    .getResponseBody();
            return body != null && !new String(body, StandardCharsets.UTF_8).contains("ACCOUNT_NOT_FOUND");
        });
    }
}
