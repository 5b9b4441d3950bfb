package io.wxplatform.callback.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxplatform.callback.settings.CallbackSettingsCache;
import io.wxplatform.events.AccountEvent;
import io.wxplatform.events.EventRecords;
import io.wxplatform.events.KafkaDefaults;
import io.wxplatform.events.Topics;
import io.wxplatform.testkit.KafkaProbe;
import io.wxplatform.testkit.TestInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * An account notice on the real {@code wx.account.v1} makes the next lookup ask token-service again. token-service
 * is played by an HTTP server speaking the callback-settings contract, so the lookups can be counted.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class AccountEventsInvalidateSettingsIT {

    private static final String APP_ID = "wx" + Long.toHexString(System.nanoTime());
    private static final String KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
    private static final AtomicInteger lookups = new AtomicInteger();
    private static DisposableServer tokenService;

    @DynamicPropertySource
    static void platform(DynamicPropertyRegistry registry) {
        KafkaProbe.createTopics(Topics.ACCOUNT);
        tokenService = HttpServer.create()
                .host("127.0.0.1")
                .port(0)
                .route(routes -> routes.get("/internal/v1/accounts/{appId}/callback-settings", (request, response) -> {
                    if (APP_ID.equals(request.param("appId"))) {
                        lookups.incrementAndGet(); // the service's own warm-up lookup at start is not counted
                    }
                    return response.header("Content-Type", "application/json")
                            .sendString(Mono.just("""
                            {"appId":"%s","tenantId":"t1","mode":"DIRECT","callbackToken":"tok",
                             "aesKeys":["%s"],"status":"ACTIVE"}""".formatted(request.param("appId"), KEY)));
                }))
                .bindNow();
        registry.add("spring.kafka.bootstrap-servers", TestInfrastructure::kafkaBootstrapServers);
        registry.add("wxplatform.token-service.url", () -> "http://127.0.0.1:" + tokenService.port());
        registry.add("wxplatform.mongodb.uri", TestInfrastructure::mongoUri);
        // The first lookup of a fresh JVM on a busy machine may be slow; this test is about caching, not latency.
        registry.add("wxplatform.callback.settings.timeout", () -> "10s");
        registry.add("wxplatform.mongodb.database", () -> "wx_callback_account_it");
    }

    @AfterAll
    static void stop() {
        tokenService.disposeNow();
    }

    @Autowired
    CallbackSettingsCache settings;

    @Test
    void anAccountNoticeMakesTheNextLookupAskTokenServiceAgain() {
        KafkaTemplate<String, byte[]> kafka = new KafkaTemplate<>(
                new DefaultKafkaProducerFactory<>(KafkaDefaults.producer(TestInfrastructure.kafkaBootstrapServers())));
        settings.find(APP_ID).block(Duration.ofSeconds(15));
        settings.find(APP_ID).block(Duration.ofSeconds(15));
        assertThat(lookups).as("cached after the first lookup").hasValue(1);

        // The listener joins its topic asynchronously and starts at the latest offset: notify until it hears one.
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    AccountEvent updated =
                            new AccountEvent(AccountEvent.UPDATED, "t1", APP_ID, "DIRECT", "ACTIVE", Instant.now());
                    kafka.send(EventRecords.account(updated)).get();
                    Awaitility.await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> {
                        settings.find(APP_ID).block(Duration.ofSeconds(15));
                        assertThat(lookups).hasValueGreaterThan(1);
                    });
                });
        kafka.destroy();
    }
}
