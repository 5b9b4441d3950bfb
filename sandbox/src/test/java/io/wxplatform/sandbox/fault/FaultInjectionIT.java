package io.wxplatform.sandbox.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wxplatform.sandbox.SandboxITSupport;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FaultInjectionIT extends SandboxITSupport {

    @BeforeEach
    void account() {
        createAccount();
    }

    private void inject(Map<String, Object> fault) {
        http.post()
                .uri("/sandbox/faults")
                .bodyValue(fault)
                .exchange()
                .expectStatus()
                .isCreated();
    }

    @Test
    void systemBusyHitsOnlyTheNamedApiForTheGivenCount() {
        inject(Map.of("api", "stable_token", "kind", "SYSTEM_BUSY", "count", 2));

        assertThat(errcode(stableToken(false))).isEqualTo(-1);
        assertThat(fetchToken()).containsKey("access_token");
        assertThat(errcode(stableToken(false))).isEqualTo(-1);
        assertThat(stableToken(false)).containsKey("access_token");
    }

    @Test
    void quotaAppliesToEveryApiUntilCleared() {
        inject(Map.of("api", "*", "kind", "QUOTA"));
        assertThat(errcode(fetchToken())).isEqualTo(45009);
        assertThat(errcode(stableToken(false))).isEqualTo(45009);

        http.delete().uri("/sandbox/faults").exchange().expectStatus().isNoContent();
        assertThat(stableToken(false)).containsKey("access_token");
    }

    @Test
    void latencyDelaysTheNormalAnswer() {
        inject(Map.of("api", "/cgi-bin/token", "kind", "LATENCY", "latencyMs", 700, "count", 1));

        Instant start = Instant.now();
        Map<String, Object> answer = fetchToken();

        assertThat(Duration.between(start, Instant.now())).isGreaterThanOrEqualTo(Duration.ofMillis(700));
        assertThat(answer).containsKey("access_token");
    }

    @Test
    void aTimeoutKeepsTheCallerWaitingPastItsDeadline() {
        inject(Map.of("api", "stable_token", "kind", "TIMEOUT", "latencyMs", 3000, "count", 1));

        Instant start = Instant.now();
        http.mutate()
                .responseTimeout(Duration.ofSeconds(10))
                .build()
                .post()
                .uri("/cgi-bin/stable_token")
                .bodyValue(Map.of("grant_type", "client_credential", "appid", APP_ID, "secret", SECRET))
                .exchange()
                .expectBody()
                .jsonPath("$.errcode")
                .isEqualTo(-1);

        assertThat(Duration.between(start, Instant.now())).isGreaterThanOrEqualTo(Duration.ofMillis(3000));
    }

    @Test
    void aLateAnswerComesAfterTheCallTookEffect() {
        String token = accessToken();
        followerSays("oLateAnswer", "hi");
        inject(Map.of("api", "message/custom/send", "kind", "LATE_ANSWER", "latencyMs", 3000, "count", 1));

        Instant start = Instant.now();
        CompletableFuture<Map<String, Object>> answer =
                CompletableFuture.supplyAsync(() -> sendText(token, "oLateAnswer", "late"));
        // The follower has the message while its sender still waits for WeChat's answer.
        await().atMost(Duration.ofSeconds(10))
                .until(() -> http
                        .get()
                        .uri("/sandbox/accounts/{a}/followers/{o}/inbox", APP_ID, "oLateAnswer")
                        .exchange()
                        .expectBodyList(JSON)
                        .returnResult()
                        .getResponseBody()
                        .stream()
                        .anyMatch(entry -> "late".equals(entry.get("content"))));
        assertThat(answer).isNotDone();

        assertThat(answer.join()).containsEntry("errcode", 0);
        assertThat(Duration.between(start, Instant.now())).isGreaterThanOrEqualTo(Duration.ofMillis(3000));
    }

    @Test
    void aFaultWithoutKindIsRefused() {
        http.post()
                .uri("/sandbox/faults")
                .bodyValue(Map.of("api", "token"))
                .exchange()
                .expectStatus()
                .isBadRequest();
    }
}
