package io.wxplatform.callback.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import io.wxplatform.callback.support.RealPlatform;
import io.wxplatform.callback.support.Registration;
import io.wxplatform.callback.support.TestAccount;
import io.wxplatform.wechat.protocol.callback.EncryptionMode;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Neither Kafka nor MongoDB can take the event: WeChat must never hear {@code success}; it gets 503 and retries. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.kafka.bootstrap-servers=127.0.0.1:1",
        "wxplatform.callback.kafka-budget=1s",
        "wxplatform.mongodb.uri=mongodb://127.0.0.1:1/?serverSelectionTimeoutMS=500&connectTimeoutMS=500",
        "wxplatform.mongodb.database=wx_callback_nothing_it"})
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
    void aCallbackThatNeitherKafkaNorTheOutboxTakesAnswers503WithinTheDeadline() {
        TestAccount account = new Registration(RealPlatform.get())
                .inTokenService(TestAccount.random(EncryptionMode.SAFE));
        WebTestClient client = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(10)).build();
        long started = System.nanoTime();

        Callbacks.post(client, account, Callbacks.text(account, TestAccount.openId(), 42L, Instant.now()))
                .expectStatus().isEqualTo(503)
                .expectBody().isEmpty();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(4500));
    }

    @Test
    void weChatRetriesAndNeverSeesSuccess() throws Exception {
        Registration registration = new Registration(RealPlatform.get());
        TestAccount account = registration.inTokenService(TestAccount.random(EncryptionMode.COMPATIBLE));
        registration.inSandbox(account, account.callbackUrl(port));

        JsonNode outcome = JsonMapper.builder().build()
                .readTree(registration.followerSaysText(account, TestAccount.openId(), "hello?"));

        assertThat(outcome.get("attempts")).hasSize(3)
                .allSatisfy(attempt -> assertThat(attempt.get("status").asInt()).isEqualTo(503));
    }
}
