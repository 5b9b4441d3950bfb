package io.wxplatform.user;

import io.wxplatform.testkit.auth.TestIssuer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.awaitility.Awaitility;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A fresh tenant and WeChat account, registered in the real sandbox (as WeChat) and the real token-service, whose
 * REGISTERED notice on wx.account.v1 tells user-service who owns it, its type and verification.
 */
public record TestAccount(String tenantId, String appId) {

    private static final String SECRET = "it-app-secret-0123456789abcdef";
    private static final String AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";

    public static TestAccount register(String type, boolean verified) {
        return register(type, verified, 0, null);
    }

    /** With {@code followers} in the sandbox before token-service announces the account. */
    public static TestAccount register(String type, boolean verified, int followers, String prefix) {
        TestAccount account = new TestAccount(
                "tenant-" + UUID.randomUUID().toString().substring(0, 8),
                "wx" + String.format("%016x", ThreadLocalRandom.current().nextLong()));
        sandbox()
                .post()
                .uri("/sandbox/accounts")
                .bodyValue(Map.of(
                        "appId",
                        account.appId,
                        "secret",
                        SECRET,
                        "name",
                        "IT account",
                        "type",
                        type,
                        "verified",
                        verified))
                .exchange()
                .expectStatus()
                .is2xxSuccessful();
        if (followers > 0) {
            account.generateFollowers(followers, prefix);
        }
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
                        type,
                        "verified",
                        verified,
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

    /** {@code count} followers in the sandbox, openIds {@code prefix} + a zero-padded index (28 characters). */
    public void generateFollowers(int count, String prefix) {
        sandbox()
                .post()
                .uri("/sandbox/accounts/{a}/followers/bulk", appId)
                .bodyValue(Map.of("count", count, "openIdPrefix", prefix))
                .exchange()
                .expectStatus()
                .isCreated();
    }

    public static String openId(String prefix, int index) {
        return String.format("%s%0" + (28 - prefix.length()) + "d", prefix, index);
    }

    /** The WeChat APIs the sandbox saw this account call, oldest first (the last 1000). */
    public List<String> apiCalls() {
        List<Map<String, Object>> calls = sandbox()
                .get()
                .uri("/sandbox/accounts/{a}/api-calls", appId)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(new ParameterizedTypeReference<List<Map<String, Object>>>() {})
                .returnResult()
                .getResponseBody();
        return calls.stream().map(call -> (String) call.get("api")).toList();
    }

    /** Waits until user-service learnt the account from token-service's notice. */
    public void awaitKnownBy(WebTestClient userService) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> userService
                        .get()
                        .uri("/api/v1/tenants/{t}/accounts/{a}/followers", tenantId, appId)
                        .exchange()
                        .expectStatus()
                        .isOk());
    }

    public WebTestClient adminClient(String baseUrl) {
        return client(baseUrl, TestIssuer.shared().mint(tenantId, TestIssuer.TENANT_ADMIN));
    }

    public static WebTestClient sandbox() {
        return WebTestClient.bindToServer()
                .baseUrl(RealDependencies.sandboxUrl())
                .responseTimeout(Duration.ofSeconds(60))
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
