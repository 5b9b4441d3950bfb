package io.wxplatform.support.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wxplatform.support.app.SupportTestApplication;
import io.wxplatform.testkit.auth.TestIssuer;
import java.time.Duration;
import java.util.List;
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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** In Kubernetes (deploy/k8s) services log ECS JSON, one object per line, with the request id in each of a request. */
@SpringBootTest(
        classes = SupportTestApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "wxplatform.internal.auth-token=test-token",
            "logging.config=classpath:logback-structured.xml",
            "logging.structured.format.console=ecs"
        })
@AutoConfigureWebTestClient
@ExtendWith(OutputCaptureExtension.class)
class StructuredLoggingTest {

    static final String TOKEN = TestIssuer.shared().mint("t1", TestIssuer.TENANT_ADMIN);
    static final JsonMapper JSON = JsonMapper.builder().build();

    @DynamicPropertySource
    static void trustTheTestIssuer(DynamicPropertyRegistry registry) {
        TestIssuer.shared().serviceProperties().forEach((key, value) -> registry.add(key, () -> value));
    }

    @Autowired
    WebTestClient http;

    @Test
    void everyLineOfARequestIsOneJsonObjectWithTheRequestId(CapturedOutput output) {
        http.get()
                .uri("/api/log/gamma")
                .header("X-Request-Id", "req-json-1")
                .headers(h -> h.setBearerAuth(TOKEN))
                .exchange()
                .expectStatus()
                .isOk();

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            List<JsonNode> lines = output.getOut()
                    .lines()
                    .filter(line -> line.contains("gamma"))
                    .map(JSON::readTree)
                    .toList();
            assertThat(lines).hasSize(2).allSatisfy(line -> {
                assertThat(line.path("requestId").asString()).isEqualTo("req-json-1");
                assertThat(line.path("log").path("level").asString()).isEqualTo("INFO");
                assertThat(line.path("message").asString()).endsWith(": gamma");
                assertThat(line.path("@timestamp").isMissingNode()).isFalse();
            });
        });
    }
}
