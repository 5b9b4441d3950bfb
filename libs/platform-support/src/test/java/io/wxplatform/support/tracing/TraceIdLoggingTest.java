package io.wxplatform.support.tracing;

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

/**
 * With tracing on, every JSON log line of a request carries the trace id next to the request id, on the request
 * thread and after a thread hop, continuing the caller's {@code traceparent}.
 */
@SpringBootTest(
        classes = SupportTestApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "wxplatform.internal.auth-token=test-token",
            "logging.config=classpath:logback-structured.xml",
            "logging.structured.format.console=ecs",
            "management.tracing.sampling.probability=1.0"
        })
@AutoConfigureWebTestClient
@ExtendWith(OutputCaptureExtension.class)
class TraceIdLoggingTest {

    static final String TOKEN = TestIssuer.shared().mint("t1", TestIssuer.TENANT_ADMIN);
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";

    @DynamicPropertySource
    static void trustTheTestIssuer(DynamicPropertyRegistry registry) {
        TestIssuer.shared().serviceProperties().forEach((key, value) -> registry.add(key, () -> value));
    }

    @Autowired
    WebTestClient http;

    @Test
    void everyLineOfATracedRequestHasTheTraceIdAndTheRequestId(CapturedOutput output) {
        http.get()
                .uri("/api/log/delta")
                .header("X-Request-Id", "req-trace-1")
                .header("traceparent", "00-" + TRACE_ID + "-b7ad6b7169203331-01")
                .headers(h -> h.setBearerAuth(TOKEN))
                .exchange()
                .expectStatus()
                .isOk();

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            List<JsonNode> lines = output.getOut()
                    .lines()
                    .filter(line -> line.contains("delta"))
                    .map(JSON::readTree)
                    .toList();
            assertThat(lines).hasSize(2).allSatisfy(line -> {
                assertThat(line.path("traceId").asString()).isEqualTo(TRACE_ID);
                assertThat(line.path("requestId").asString()).isEqualTo("req-trace-1");
            });
        });
    }
}
