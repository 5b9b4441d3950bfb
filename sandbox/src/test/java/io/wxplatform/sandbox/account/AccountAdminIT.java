package io.wxplatform.sandbox.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxplatform.sandbox.SandboxITSupport;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

class AccountAdminIT extends SandboxITSupport {

    @Test
    void anAccountIsShownWithoutItsSecrets() {
        createAccount();

        http.get()
                .uri("/sandbox/accounts/{a}", APP_ID)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.appId")
                .isEqualTo(APP_ID)
                .jsonPath("$.originalId")
                .isEqualTo(ORIGINAL_ID)
                .jsonPath("$.encryptionMode")
                .isEqualTo("PLAIN")
                .jsonPath("$.type")
                .isEqualTo("SERVICE")
                .jsonPath("$.verified")
                .isEqualTo(true)
                .jsonPath("$.secretSet")
                .isEqualTo(true)
                .jsonPath("$.tokenSet")
                .isEqualTo(true)
                .jsonPath("$.encodingAesKeySet")
                .isEqualTo(true);
        Map<String, Object> view = getJson("/sandbox/accounts/{a}", APP_ID);
        assertThat(view.toString()).doesNotContain(SECRET, AES_KEY, TOKEN);
        assertThat(view).doesNotContainKeys("secret", "token", "encodingAesKey");
    }

    @Test
    void postingTheSameAppIdAgainReplacesTheAccount() {
        createAccount();
        Map<String, Object> changed = account(APP_ID);
        changed.put("name", "Renamed");
        createAccount(changed);

        assertThat(getJson("/sandbox/accounts/{a}", APP_ID)).containsEntry("name", "Renamed");
    }

    @Test
    void anOriginalIdIsGeneratedWhenAbsent() {
        Map<String, Object> account = account(APP_ID);
        account.remove("originalId");
        createAccount(account);

        assertThat((String) getJson("/sandbox/accounts/{a}", APP_ID).get("originalId"))
                .matches("gh_[0-9a-f]{12}");
    }

    @Test
    void patchChangesOnlyTheGivenFields() {
        createAccount();

        http.patch()
                .uri("/sandbox/accounts/{a}", APP_ID)
                .bodyValue(Map.of("callbackUrl", "http://127.0.0.1:9/wx", "encryptionMode", "SAFE"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.callbackUrl")
                .isEqualTo("http://127.0.0.1:9/wx")
                .jsonPath("$.encryptionMode")
                .isEqualTo("SAFE")
                .jsonPath("$.originalId")
                .isEqualTo(ORIGINAL_ID);
    }

    @Test
    void invalidAccountsAreRefusedAsProblems() {
        Map<String, Object> safeWithoutKey = account(APP_ID);
        safeWithoutKey.remove("encodingAesKey");
        safeWithoutKey.put("encryptionMode", "SAFE");

        http.post()
                .uri("/sandbox/accounts")
                .bodyValue(safeWithoutKey)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("invalid_request");
        http.post()
                .uri("/sandbox/accounts")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"appId\":\"x\",\"secret\":\"y\",\"encryptionMode\":\"ROT13\"}")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("invalid_request");
        http.get()
                .uri("/sandbox/accounts/wx-missing")
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("account_not_found");
    }

    @Test
    void healthIsUp() {
        http.get()
                .uri("/actuator/health")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("UP");
    }

    @Test
    void resetForgetsEverything() {
        createAccount();
        String token = accessToken();
        followerSays("oBob", "hi");

        http.post().uri("/sandbox/reset").exchange().expectStatus().isNoContent();

        http.get()
                .uri("/sandbox/accounts/{a}", APP_ID)
                .exchange()
                .expectStatus()
                .isNotFound();
        createAccount();
        assertThat(sendText(token, "oBob", "hi")).containsEntry("errcode", 40001);
        assertThat(getJson("/sandbox/accounts/{a}", APP_ID)).isNotNull();
        assertThat(http.get()
                        .uri("/sandbox/accounts/{a}/followers", APP_ID)
                        .exchange()
                        .expectBodyList(JSON)
                        .returnResult()
                        .getResponseBody())
                .isEmpty();
    }
}
