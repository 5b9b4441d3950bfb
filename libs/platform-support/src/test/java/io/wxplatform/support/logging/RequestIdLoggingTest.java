package io.wxplatform.support.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wxplatform.support.app.SupportTestApplication;
import io.wxplatform.testkit.auth.TestIssuer;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

@SpringBootTest(
        classes = SupportTestApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"wxplatform.internal.auth-token=test-token", "logging.config=classpath:logback-boot-defaults.xml"
        })
@AutoConfigureWebTestClient
@ExtendWith(OutputCaptureExtension.class)
class RequestIdLoggingTest {

    static final String TOKEN = TestIssuer.shared().mint("t1", TestIssuer.TENANT_ADMIN);

    @DynamicPropertySource
    static void trustTheTestIssuer(DynamicPropertyRegistry registry) {
        TestIssuer.shared().serviceProperties().forEach((key, value) -> registry.add(key, () -> value));
    }

    @Autowired
    WebTestClient http;

    @Test
    void theCallersRequestIdIsAnsweredAndAppearsInEveryLogLineOfTheRequest(CapturedOutput output) {
        http.get()
                .uri("/api/log/alpha")
                .header("X-Request-Id", "req-7f3.a")
                .headers(h -> h.setBearerAuth(TOKEN))
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals("X-Request-Id", "req-7f3.a");

        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(output.getOut().lines().filter(line -> line.contains(": alpha")))
                        .hasSize(2)
                        .allSatisfy(line -> assertThat(line).contains("[req-7f3.a]")));
    }

    @Test
    void aRequestWithoutAnIdGetsAFreshOneInTheResponseAndTheLogs(CapturedOutput output) {
        String id = http.get()
                .uri("/api/log/beta")
                .header("X-Request-Id", "bad id with spaces")
                .headers(h -> h.setBearerAuth(TOKEN))
                .exchange()
                .expectStatus()
                .isOk()
                .returnResult(String.class)
                .getResponseHeaders()
                .getFirst("X-Request-Id");

        assertThat(UUID.fromString(id).toString()).isEqualTo(id);
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(output.getOut().lines().filter(line -> line.contains(": beta")))
                        .hasSize(2)
                        .allSatisfy(line -> assertThat(line).contains("[" + id + "]")));
    }

    @Test
    void errorAnswersCarryTheRequestIdToo() {
        http.get()
                .uri("/api/nothing-here")
                .header("X-Request-Id", "req-404")
                .headers(h -> h.setBearerAuth(TOKEN))
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .valueEquals("X-Request-Id", "req-404");
        http.get()
                .uri("/api/ping")
                .header("X-Request-Id", "req-401")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .valueEquals("X-Request-Id", "req-401");
    }

    @Test
    void anUnexpectedErrorIsLoggedWithTheRequestId(CapturedOutput output) {
        http.get()
                .uri("/api/boom")
                .header("X-Request-Id", "req-500")
                .headers(h -> h.setBearerAuth(TOKEN))
                .exchange()
                .expectStatus()
                .isEqualTo(500)
                .expectHeader()
                .valueEquals("X-Request-Id", "req-500");

        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(
                        () -> assertThat(output.getOut().lines().filter(line -> line.contains("GET /api/boom failed")))
                                .singleElement()
                                .satisfies(line -> assertThat(line).contains("[req-500]")));
    }

    @Test
    void logLinesOutsideARequestHaveAnEmptyId(CapturedOutput output) {
        org.slf4j.LoggerFactory.getLogger(RequestIdLoggingTest.class).info("no request here");

        assertThat(output.getOut().lines().filter(line -> line.contains("no request here")))
                .singleElement()
                .satisfies(line -> assertThat(line).contains("[] "));
    }
}
