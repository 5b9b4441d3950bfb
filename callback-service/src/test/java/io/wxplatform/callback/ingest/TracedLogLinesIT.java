package io.wxplatform.callback.ingest;

import static org.assertj.core.api.Assertions.as;
import static org.assertj.core.api.Assertions.assertThat;

import io.wxplatform.callback.support.RealPlatform;
import io.wxplatform.callback.support.Registration;
import io.wxplatform.callback.support.TestAccount;
import io.wxplatform.wechat.protocol.callback.EncryptionMode;
import io.wxplatform.wechat.protocol.callback.SignedCallback;
import java.time.Duration;
import java.time.Instant;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * callback-service runs without Reactor's automatic context propagation, so its callback lines carry their ids
 * themselves (platform-support's RequestLog): with tracing on, a line says the callback's request id and the trace id
 * of its span, which continues the caller's traceparent. Kafka is unreachable here, so the callback writes a line
 * (it goes to the outbox, in a database of this test's own).
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.kafka.bootstrap-servers=127.0.0.1:1",
            "wxplatform.callback.kafka-budget=1s",
            "wxplatform.callback.outbox.relay-enabled=false",
            "wxplatform.mongodb.database=wx_callback_traced_log_it",
            "management.tracing.sampling.probability=1.0",
            // The lines show the trace id as Kubernetes' JSON logs do (they carry every MDC key).
            "logging.pattern.correlation=[%X{requestId:-}] [%X{traceId:-}] "
        })
@ExtendWith(OutputCaptureExtension.class)
// Closed when done: its producers and admin client would go on reconnecting to the unreachable broker.
@DirtiesContext
class TracedLogLinesIT {

    @DynamicPropertySource
    static void platform(DynamicPropertyRegistry registry) {
        RealPlatform platform = RealPlatform.get();
        registry.add("wxplatform.token-service.url", platform::tokenServiceUrl);
        registry.add("wxplatform.internal.auth-token", () -> RealPlatform.INTERNAL_TOKEN);
        registry.add("wxplatform.mongodb.uri", platform::mongoUri);
    }

    @LocalServerPort
    int port;

    @Test
    void aTracedCallbacksLineNamesItsRequestAndItsTrace(CapturedOutput output) {
        TestAccount account =
                new Registration(RealPlatform.get()).inTokenService(TestAccount.random(EncryptionMode.SAFE));
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        SignedCallback callback = Callbacks.text(account, TestAccount.openId(), 44L, Instant.now());

        WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(10))
                .build()
                .post()
                .uri(Callbacks.uri(account.appId(), callback.query()))
                .contentType(MediaType.TEXT_XML)
                .header("X-Request-Id", "rid-traced-44")
                .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                .bodyValue(callback.body())
                .exchange()
                .expectStatus()
                .isOk();

        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(output.getOut()
                                .lines()
                                .filter(line -> line.contains("Kafka did not ack " + account.appId() + ":msg:44")))
                        .singleElement(as(InstanceOfAssertFactories.STRING))
                        .contains("[rid-traced-44] [" + traceId + "]"));
    }
}
