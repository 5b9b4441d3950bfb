package io.wxplatform.callback.support;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.wxplatform.testkit.auth.TestIssuer;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Registers accounts the way an operator would: over token-service's admin API and the sandbox's. */
public final class Registration {

    private final WebTestClient tokenService;
    private final WebTestClient sandbox;

    public Registration(RealPlatform platform) {
        this.tokenService = client(platform.tokenServiceUrl());
        this.sandbox = client(platform.sandboxUrl());
    }

    /** Tenant and account in token-service; the account's callbacks become verifiable by callback-service. */
    public TestAccount inTokenService(TestAccount account) {
        tokenService.post().uri("/api/v1/tenants").contentType(MediaType.APPLICATION_JSON)
                .headers(h -> h.setBearerAuth(TestIssuer.shared().operator()))
                .bodyValue(Map.of("id", account.tenantId(), "name", "Tenant " + account.tenantId()))
                .exchange().expectStatus().isCreated();
        tokenService.post().uri("/api/v1/tenants/{t}/accounts", account.tenantId())
                .contentType(MediaType.APPLICATION_JSON)
                .headers(h -> h.setBearerAuth(admin(account)))
                .bodyValue(Map.of("appId", account.appId(), "name", "Account " + account.appId(),
                        "type", "SERVICE", "verified", true, "appSecret", account.appSecret(),
                        "callbackToken", account.callbackToken(), "encodingAesKey", account.encodingAesKey()))
                .exchange().expectStatus().isCreated();
        return account;
    }

    /** Rotates the account's EncodingAESKey in token-service; the old key becomes the previous one. */
    public TestAccount rotateKey(TestAccount account, String newEncodingAesKey) {
        tokenService.patch().uri("/api/v1/tenants/{t}/accounts/{appId}", account.tenantId(), account.appId())
                .contentType(MediaType.APPLICATION_JSON)
                .headers(h -> h.setBearerAuth(admin(account)))
                .bodyValue(Map.of("encodingAesKey", newEncodingAesKey))
                .exchange().expectStatus().is2xxSuccessful();
        return account.withKey(newEncodingAesKey);
    }

    /** The same account in the sandbox, whose followers then send callbacks to {@code callbackUrl}. */
    public TestAccount inSandbox(TestAccount account, String callbackUrl) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("appId", account.appId());
        body.put("secret", account.appSecret());
        body.put("name", "Account " + account.appId());
        body.put("originalId", account.originalId());
        body.put("callbackUrl", callbackUrl);
        body.put("token", account.callbackToken());
        body.put("encodingAesKey", account.encodingAesKey());
        body.put("encryptionMode", account.mode().name());
        body.put("type", "SERVICE");
        body.put("verified", true);
        sandbox.post().uri("/sandbox/accounts").contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectStatus().is2xxSuccessful();
        return account;
    }

    /** A follower sends a text message; returns the sandbox's account of the callback it made. */
    public String followerSaysText(TestAccount account, String openId, String content) {
        return sandbox.post().uri("/sandbox/accounts/{appId}/followers/{openId}/messages", account.appId(), openId)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("msgType", "text", "content", content))
                .exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
    }

    private static String admin(TestAccount account) {
        return TestIssuer.shared().mint(account.tenantId(), TestIssuer.TENANT_ADMIN);
    }

    private static WebTestClient client(String baseUrl) {
        return WebTestClient.bindToServer().baseUrl(baseUrl).responseTimeout(Duration.ofSeconds(30)).build();
    }
}
