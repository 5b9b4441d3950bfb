package io.wxplatform.token.internal;

import io.wxplatform.token.Fixtures;
import io.wxplatform.token.TokenServiceITSupport;
import java.util.List;
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
}
