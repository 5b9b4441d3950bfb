package io.wxplatform.sandbox.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxplatform.sandbox.SandboxITSupport;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bulk creation for the 100,000-account token benchmark. */
class BulkAccountsIT extends SandboxITSupport {

    private Map<String, Object> bulk(Map<String, Object> body) {
        return http.post()
                .uri("/sandbox/accounts/bulk")
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();
    }

    @Test
    void aHundredThousandAccountsAreCreatedInWellUnderTenSecondsAndCanFetchTokens() {
        long started = System.nanoTime();
        Map<String, Object> result =
                bulk(Map.of("appIdPrefix", "wxbe", "count", 100_000, "appSecret", "bench-secret", "type", "SERVICE"));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(took).isLessThan(Duration.ofSeconds(5));
        assertThat(result)
                .containsEntry("created", 100_000)
                .containsEntry("first", "wxbe00000000000000")
                .containsEntry("last", "wxbe0000000001869f");
        assertThat(getJson("/sandbox/accounts/{a}", "wxbe0000000001869f"))
                .containsEntry("type", "SERVICE")
                .containsEntry("secretSet", true)
                .containsEntry("tokenSet", false)
                .containsEntry("callbackUrl", null);
        assertThat(getJson(
                        "/cgi-bin/token?grant_type=client_credential&appid={a}&secret={s}",
                        "wxbe0000000000c350",
                        "bench-secret"))
                .containsKey("access_token");
    }

    @Test
    void theIndexFillsEveryHexDigitThePrefixLeaves() {
        assertThat(bulk(Map.of("appIdPrefix", "wx0123456789abcde", "count", 16, "appSecret", "s")))
                .containsEntry("created", 16)
                .containsEntry("first", "wx0123456789abcde0")
                .containsEntry("last", "wx0123456789abcdef");
        assertThat(bulk(Map.of("appIdPrefix", "wx", "count", 2, "appSecret", "s")))
                .containsEntry("last", "wx0000000000000001");
    }

    @Test
    void prefixesThatAreNotWxHexOrLeaveTooLittleRoomAreRefused() {
        for (Map<String, Object> bad : List.<Map<String, Object>>of(
                Map.of("appIdPrefix", "ab12", "count", 1, "appSecret", "s"),
                Map.of("appIdPrefix", "wxBE", "count", 1, "appSecret", "s"),
                Map.of("appIdPrefix", "wx0123456789abcdef", "count", 1, "appSecret", "s"),
                Map.of("appIdPrefix", "wx0123456789abcde", "count", 17, "appSecret", "s"),
                Map.of("appIdPrefix", "wxbe", "count", 0, "appSecret", "s"),
                Map.of("appIdPrefix", "wxbe", "count", 1))) {
            http.post()
                    .uri("/sandbox/accounts/bulk")
                    .bodyValue(bad)
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectBody(JSON)
                    .value(problem -> assertThat(problem).containsEntry("code", "invalid_request"));
        }
        assertThat(http.get()
                        .uri("/sandbox/accounts")
                        .exchange()
                        .expectBodyList(JSON)
                        .returnResult()
                        .getResponseBody())
                .isEmpty();
    }
}
