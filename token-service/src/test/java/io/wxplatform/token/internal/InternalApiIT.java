package io.wxplatform.token.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.wxplatform.requestids.RequestIds;
import io.wxplatform.token.Fixtures;
import io.wxplatform.token.TokenServiceITSupport;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

class InternalApiIT extends TokenServiceITSupport {

    @Autowired
    MeterRegistry meters;

    /**
     * The first lookup loads the token (WebFlux's controller), the next ones are cache hits, answered ahead of WebFlux
     * ({@link AccessTokenLookup}): the same bytes, the same headers, the same request metric; a wrong credential is
     * refused exactly as before even for a cached token.
     */
    @Test
    void aCachedTokenIsAnsweredExactlyAsTheFirstLookupWas() {
        Registered account = registered();
        long requestsBefore = lookupsAnswered200();

        EntityExchangeResult<byte[]> loaded = lookup(account.appId(), null);
        EntityExchangeResult<byte[]> cached = lookup(account.appId(), "it-request-1");

        assertThat(cached.getResponseBody()).isEqualTo(loaded.getResponseBody());
        HttpHeaders loadedHeaders = new HttpHeaders(loaded.getResponseHeaders());
        HttpHeaders cachedHeaders = new HttpHeaders(cached.getResponseHeaders());
        assertThat(cachedHeaders.getFirst(RequestIds.HEADER)).isEqualTo("it-request-1");
        loadedHeaders.remove(RequestIds.HEADER);
        cachedHeaders.remove(RequestIds.HEADER);
        assertThat(cachedHeaders.toSingleValueMap()).isEqualTo(loadedHeaders.toSingleValueMap());
        await().atMost(Duration.ofSeconds(5)).until(() -> lookupsAnswered200() == requestsBefore + 2);

        http.get()
                .uri("/internal/v1/accounts/{a}/access-token", account.appId())
                .header(HttpHeaders.AUTHORIZATION, "Bearer not-the-credential")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("UNAUTHORIZED")
                .jsonPath("$.accessToken")
                .doesNotExist();
    }

    private EntityExchangeResult<byte[]> lookup(String appId, String requestId) {
        return internalGet("/internal/v1/accounts/{a}/access-token", appId)
                .headers(headers -> {
                    if (requestId != null) {
                        headers.set(RequestIds.HEADER, requestId);
                    }
                })
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .returnResult();
    }

    private long lookupsAnswered200() {
        Timer timer = meters.find("http.server.requests")
                .tag("uri", AccessTokenLookup.PATTERN)
                .tag("status", "200")
                .timer();
        return timer == null ? 0 : timer.count();
    }

    @Test
    void internalEndpointsRefuseCallersWithoutTheServiceCredential() {
        Registered account = registered();

        http.get()
                .uri("/internal/v1/accounts/{a}/callback-settings", account.appId())
                .exchange()
                .expectStatus()
                .isUnauthorized();
        http.get()
                .uri("/internal/v1/accounts/{a}/access-token", account.appId())
                .header(HttpHeaders.AUTHORIZATION, "Bearer not-the-credential")
                .exchange()
                .expectStatus()
                .isUnauthorized();
    }

    @Test
    void callbackSettingsHandCallbackServiceTheOpenedSecrets() {
        Registered account = registered();

        internalGet("/internal/v1/accounts/{a}/callback-settings", account.appId())
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.appId")
                .isEqualTo(account.appId())
                .jsonPath("$.tenantId")
                .isEqualTo(account.tenantId())
                .jsonPath("$.mode")
                .isEqualTo("DIRECT")
                .jsonPath("$.status")
                .isEqualTo("ACTIVE")
                .jsonPath("$.callbackToken")
                .isEqualTo(account.callbackToken())
                .jsonPath("$.aesKeys")
                .isEqualTo(List.of(Fixtures.AES_KEY));
    }

    @Test
    void anUnknownAccountIsNotFound() {
        String appId = Fixtures.appId();

        internalGet("/internal/v1/accounts/{a}/callback-settings", appId)
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("ACCOUNT_NOT_FOUND");
        internalGet("/internal/v1/accounts/{a}/access-token", appId)
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("ACCOUNT_NOT_FOUND");
    }

    /** Every service reports WeChat's permission refusals here; the tenant sees them on its account, counted. */
    @Test
    void reportedPermissionRefusalsAreShownOnTheTenantsAccount() {
        Registered account = registered();
        Map<String, Object> refusal = Map.of(
                "api", "/cgi-bin/menu/create", "apiGroup", "MENUS", "errcode", 48001, "errmsg", "api unauthorized");
        for (int i = 0; i < 2; i++) {
            http.post()
                    .uri("/internal/v1/accounts/{a}/permission-refusals", account.appId())
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + INTERNAL_TOKEN)
                    .bodyValue(refusal)
                    .exchange()
                    .expectStatus()
                    .isNoContent();
        }

        asAdminOf(account.tenantId())
                .get()
                .uri("/api/v1/tenants/{t}/accounts/{a}/permission-refusals", account.tenantId(), account.appId())
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.length()")
                .isEqualTo(1)
                .jsonPath("$[0].apiGroup")
                .isEqualTo("MENUS")
                .jsonPath("$[0].api")
                .isEqualTo("/cgi-bin/menu/create")
                .jsonPath("$[0].errcode")
                .isEqualTo(48001)
                .jsonPath("$[0].count")
                .isEqualTo(2);
        http.post()
                .uri("/internal/v1/accounts/{a}/permission-refusals", Fixtures.appId())
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + INTERNAL_TOKEN)
                .bodyValue(refusal)
                .exchange()
                .expectStatus()
                .isNotFound();
    }
}
