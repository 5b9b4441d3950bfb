package io.wxplatform.callback.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxplatform.callback.support.RealPlatform;
import io.wxplatform.callback.support.Registration;
import io.wxplatform.callback.support.TestAccount;
import io.wxplatform.wechat.protocol.callback.EncryptionMode;
import io.wxplatform.wechat.protocol.callback.SignedCallback;
import java.time.Duration;
import java.time.Instant;
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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Neither Kafka nor MongoDB can take the event: WeChat must never hear {@code success}; it gets 503 and retries. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.kafka.bootstrap-servers=127.0.0.1:1",
            "wxplatform.callback.kafka-budget=1s",
            "wxplatform.mongodb.uri=mongodb://127.0.0.1:1/?serverSelectionTimeoutMS=500&connectTimeoutMS=500",
            "wxplatform.mongodb.database=wx_callback_nothing_it"
        })
@ExtendWith(OutputCaptureExtension.class)
// Closed when done: its producers and admin client would go on reconnecting to the unreachable broker.
@DirtiesContext
class NothingDurableIT {

    @DynamicPropertySource
    static void platform(DynamicPropertyRegistry registry) {
        RealPlatform platform = RealPlatform.get();
        registry.add("wxplatform.token-service.url", platform::tokenServiceUrl);
        registry.add("wxplatform.internal.auth-token", () -> RealPlatform.INTERNAL_TOKEN);
    }

    @LocalServerPort
    int port;

    @Test
    void aCallbackThatNeitherKafkaNorTheOutboxTakesAnswers503WithinTheDeadline(CapturedOutput output) {
        TestAccount account =
                new Registration(RealPlatform.get()).inTokenService(TestAccount.random(EncryptionMode.SAFE));
        WebTestClient client = WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(10))
                .build();
        SignedCallback callback = Callbacks.text(account, TestAccount.openId(), 42L, Instant.now());
        long started = System.nanoTime();

        client.post()
                .uri(Callbacks.uri(account.appId(), callback.query()))
                .header("X-Request-Id", "nothing-durable-42")
                .contentType(MediaType.TEXT_XML)
                .bodyValue(callback.body())
                .exchange()
                .expectStatus()
                .isEqualTo(503)
                .expectHeader()
                .valueEquals("X-Request-Id", "nothing-durable-42")
                .expectBody()
                .isEmpty();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(4500));
        // The request id travels with the callback, not in the Reactor context: its log lines still carry it.
        assertThat(output.getOut().lines().filter(line -> line.contains("[nothing-durable-42]")))
                .anyMatch(line -> line.contains("nor took it into the outbox; sending it to Kafka"))
                .anyMatch(line -> line.contains("answered 503"));
    }

    @Test
    void weChatRetriesAndNeverSeesSuccess() throws Exception {
        Registration registration = new Registration(RealPlatform.get());
        TestAccount account = registration.inTokenService(TestAccount.random(EncryptionMode.COMPATIBLE));
        registration.inSandbox(account, account.callbackUrl(port));

        JsonNode outcome = JsonMapper.builder()
                .build()
                .readTree(registration.followerSaysText(account, TestAccount.openId(), "hello?"));

        assertThat(outcome.get("attempts"))
                .hasSize(3)
                .allSatisfy(attempt -> assertThat(attempt.get("status").asInt()).isEqualTo(503));
    }
}
