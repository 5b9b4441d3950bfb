package io.wxplatform.token.internal;

import io.wxplatform.token.Fixtures;
import io.wxplatform.token.TokenServiceITSupport;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

class InternalApiIT extends TokenServiceITSupport {

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
