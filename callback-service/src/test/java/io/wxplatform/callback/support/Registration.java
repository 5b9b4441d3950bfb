package io.wxplatform.callback.support;

import io.wxplatform.testkit.auth.TestIssuer;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.awaitility.Awaitility;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.util.UriComponentsBuilder;

/** Registers accounts the way an operator would: over token-service's admin API and the sandbox's. */
public final class Registration {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};

    private final WebTestClient tokenService;
    private final WebTestClient sandbox;

    public Registration(RealPlatform platform) {
        this.tokenService = client(platform.tokenServiceUrl());
        this.sandbox = client(platform.sandboxUrl());
    }

    /** Tenant and account in token-service; the account's callbacks become verifiable by callback-service. */
    public TestAccount inTokenService(TestAccount account) {
        tenantInTokenService(account.tenantId());
        tokenService
                .post()
                .uri("/api/v1/tenants/{t}/accounts", account.tenantId())
                .contentType(MediaType.APPLICATION_JSON)
                .headers(h -> h.setBearerAuth(admin(account)))
                .bodyValue(Map.of(
                        "appId",
                        account.appId(),
                        "name",
                        "Account " + account.appId(),
                        "type",
                        "SERVICE",
                        "verified",
                        true,
                        "appSecret",
                        account.appSecret(),
                        "callbackToken",
                        account.callbackToken(),
                        "encodingAesKey",
                        account.encodingAesKey()))
                .exchange()
                .expectStatus()
                .isCreated();
        return account;
    }

    /** Rotates the account's EncodingAESKey in token-service; the old key becomes the previous one. */
    public TestAccount rotateKey(TestAccount account, String newEncodingAesKey) {
        tokenService
                .patch()
                .uri("/api/v1/tenants/{t}/accounts/{appId}", account.tenantId(), account.appId())
                .contentType(MediaType.APPLICATION_JSON)
                .headers(h -> h.setBearerAuth(admin(account)))
                .bodyValue(Map.of("encodingAesKey", newEncodingAesKey))
                .exchange()
                .expectStatus()
                .is2xxSuccessful();
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
        sandbox.post()
                .uri("/sandbox/accounts")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .is2xxSuccessful();
        return account;
    }

    /** A follower sends a text message; returns the sandbox's account of the callback it made. */
    public String followerSaysText(TestAccount account, String openId, String content) {
        return sandbox.post()
                .uri("/sandbox/accounts/{appId}/followers/{openId}/messages", account.appId(), openId)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("msgType", "text", "content", content))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
    }

    public void tenantInTokenService(String tenantId) {
        tokenService
                .post()
                .uri("/api/v1/tenants")
                .contentType(MediaType.APPLICATION_JSON)
                .headers(h -> h.setBearerAuth(TestIssuer.shared().operator()))
                .bodyValue(Map.of("id", tenantId, "name", "Tenant " + tenantId))
                .exchange()
                .expectStatus()
                .isCreated();
    }

    /** A third-party platform (component) in token-service, as a platform operator registers it. */
    public void componentInTokenService(String componentAppId, String secret, String token, String aesKey) {
        tokenService
                .put()
                .uri("/api/v1/components/{c}", componentAppId)
                .contentType(MediaType.APPLICATION_JSON)
                .headers(h -> h.setBearerAuth(TestIssuer.shared().operator()))
                .bodyValue(Map.of("appSecret", secret, "token", token, "encodingAesKey", aesKey))
                .exchange()
                .expectStatus()
                .isOk();
    }

    /**
     * The same component at WeChat (the sandbox), pushing to {@code authEventUrl}: its first verify ticket is pushed
     * at once (and only on demand after that), so the platform can obtain the component's token.
     */
    public void componentInSandbox(
            String componentAppId,
            String secret,
            String token,
            String aesKey,
            String authEventUrl,
            String messageUrlTemplate) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("componentAppId", componentAppId);
        body.put("componentAppSecret", secret);
        body.put("token", token);
        body.put("encodingAesKey", aesKey);
        body.put("authEventUrl", authEventUrl);
        body.put("messageUrlTemplate", messageUrlTemplate);
        body.put("verifyTicketInterval", "PT0S");
        sandbox.post()
                .uri("/sandbox/components")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isCreated();
    }

    /**
     * The owner of {@code appId} authorizes the component for {@code tenantId} as with WeChat: a tenant admin starts
     * (token-service answers once it holds the component's token, which the first verify ticket brings), the owner
     * approves in the sandbox, and WeChat's {@code authorized} push to the component's event URL completes it.
     */
    public void authorizedAccount(String tenantId, String componentAppId, String appId, Duration wait) {
        String admin = TestIssuer.shared().mint(tenantId, TestIssuer.TENANT_ADMIN);
        Map<String, Object> started = Awaitility.await()
                .atMost(wait)
                .pollInterval(Duration.ofMillis(250))
                .until(() -> startAuthorization(admin, tenantId, componentAppId), Objects::nonNull);
        String preAuthCode = URLDecoder.decode(
                UriComponentsBuilder.fromUriString((String) started.get("url"))
                        .build()
                        .getQueryParams()
                        .getFirst("pre_auth_code"),
                StandardCharsets.UTF_8);
        sandbox.post()
                .uri("/sandbox/components/{c}/authorizations", componentAppId)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "preAuthCode",
                        preAuthCode,
                        "authorizerAppId",
                        appId,
                        "name",
                        "Shop " + appId,
                        "type",
                        "SERVICE",
                        "verified",
                        true,
                        "redirect",
                        false,
                        "push",
                        true))
                .exchange()
                .expectStatus()
                .is2xxSuccessful();
        Awaitility.await()
                .atMost(wait)
                .pollInterval(Duration.ofMillis(250))
                .until(
                        () -> tokenService
                                .get()
                                .uri("/api/v1/tenants/{t}/authorizations/{a}", tenantId, started.get("authorizationId"))
                                .headers(h -> h.setBearerAuth(admin))
                                .exchange()
                                .expectStatus()
                                .isOk()
                                .expectBody(JSON)
                                .returnResult()
                                .getResponseBody()
                                .get("state"),
                        "COMPLETED"::equals);
    }

    /** The started authorization, or null while token-service cannot start one yet (no component token). */
    private Map<String, Object> startAuthorization(String admin, String tenantId, String componentAppId) {
        EntityExchangeResult<Map<String, Object>> result = tokenService
                .post()
                .uri("/api/v1/tenants/{t}/authorizations", tenantId)
                .contentType(MediaType.APPLICATION_JSON)
                .headers(h -> h.setBearerAuth(admin))
                .bodyValue(Map.of("componentAppId", componentAppId))
                .exchange()
                .expectBody(JSON)
                .returnResult();
        return result.getStatus() == HttpStatus.CREATED ? result.getResponseBody() : null;
    }

    private static String admin(TestAccount account) {
        return TestIssuer.shared().mint(account.tenantId(), TestIssuer.TENANT_ADMIN);
    }

    private static WebTestClient client(String baseUrl) {
        return WebTestClient.bindToServer()
                .baseUrl(baseUrl)
                .responseTimeout(Duration.ofSeconds(30))
                .build();
    }
}
