package io.wxplatform.callback.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/** The cache in front of token-service's callback-settings API, against a real HTTP server speaking the contract. */
class CallbackSettingsCacheTest {

    private static final String KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
    private static final String KNOWN = "wx00000000000000aa";

    private final Queue<String> authorizations = new ConcurrentLinkedQueue<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final AtomicReference<String> token = new AtomicReference<>("tok123");
    private DisposableServer tokenService;

    @AfterEach
    void stop() {
        tokenService.disposeNow();
    }

    @Test
    void knownSettingsAreFetchedOnceWithTheServiceCredentialAndReused() {
        CallbackSettingsCache cache = cache(Duration.ofMinutes(1), Duration.ofMinutes(1));

        CallbackSettings first = cache.find(KNOWN).block();
        CallbackSettings second = cache.find(KNOWN).block();

        assertThat(first).isEqualTo(second);
        assertThat(first.tenantId()).isEqualTo("t1");
        assertThat(first.callbackToken()).isEqualTo("tok123");
        assertThat(first.aesKeys()).hasSize(1);
        assertThat(first.active()).isTrue();
        assertThat(first.toString()).doesNotContain("tok123");
        assertThat(requests).hasValue(1);
        assertThat(authorizations).containsExactly("Bearer internal-secret");
    }

    @Test
    void concurrentLookupsOfOneAccountShareOneRequest() {
        CallbackSettingsCache cache = cache(Duration.ofMinutes(1), Duration.ofMinutes(1));

        List<CallbackSettings> all =
                Flux.range(0, 50).flatMap(i -> cache.find(KNOWN)).collectList().block();

        assertThat(all).hasSize(50);
        assertThat(requests).hasValue(1);
    }

    @Test
    void anUnknownAccountIsEmptyAndRememberedOnlyBriefly() {
        CallbackSettingsCache cache = cache(Duration.ofMinutes(1), Duration.ofMillis(200));

        assertThat(cache.find("wx00000000000000bb").blockOptional()).isEmpty();
        assertThat(cache.find("wx00000000000000bb").blockOptional()).isEmpty();
        assertThat(requests).hasValue(1);

        Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            cache.find("wx00000000000000bb").blockOptional();
            assertThat(requests).hasValueGreaterThan(1);
        });
    }

    @Test
    void warmingUpCompletesWhateverTokenServiceAnswers() {
        CallbackSettingsCache cache = cache(Duration.ofMinutes(1), Duration.ofMinutes(1));
        failuresLeft.set(1);

        cache.warmUp().block();
        tokenService.disposeNow();
        cache.warmUp().block();

        assertThat(requests).hasValue(1);
    }

    @Test
    void failuresAreReportedAsUnavailableAndNotCached() {
        CallbackSettingsCache cache = cache(Duration.ofMinutes(1), Duration.ofMinutes(1));
        failuresLeft.set(1);

        assertThatThrownBy(() -> cache.find(KNOWN).block()).isInstanceOf(SettingsUnavailableException.class);
        assertThat(cache.find(KNOWN).block()).isNotNull();
        assertThat(requests).hasValue(2);
    }

    @Test
    void settingsInUseAreRefreshedBeforeTheyExpireSoNoCallbackWaitsForTokenService() {
        CallbackSettingsCache cache = cache(Duration.ofSeconds(3), Duration.ofMinutes(1));
        long loaded = System.nanoTime();
        cache.find(KNOWN).block();
        token.set("tok456");

        // Every read is answered from memory; one past half the TTL brings the new value in, well before expiry.
        Awaitility.await()
                .pollInterval(Duration.ofMillis(100))
                .atMost(Duration.ofMillis(2_700))
                .until(() -> "tok456".equals(cache.find(KNOWN).block().callbackToken()));
        assertThat(requests).hasValue(2);

        // token-service is gone; through the first value's expiry the refreshed one is still served.
        failuresLeft.set(1_000);
        Duration untilPastFirstExpiry = Duration.ofMillis(3_300).minusNanos(System.nanoTime() - loaded);
        Awaitility.await()
                .pollInterval(Duration.ofMillis(100))
                .during(untilPastFirstExpiry)
                .atMost(untilPastFirstExpiry.plusSeconds(1))
                .until(() -> "tok456".equals(cache.find(KNOWN).block().callbackToken()));
    }

    @Test
    void invalidatedAccountsAreFetchedAgain() {
        CallbackSettingsCache cache = cache(Duration.ofMinutes(1), Duration.ofMinutes(1));

        cache.find(KNOWN).block();
        cache.invalidate(KNOWN);
        cache.find(KNOWN).block();

        assertThat(requests).hasValue(2);
    }

    private CallbackSettingsCache cache(Duration ttl, Duration negativeTtl) {
        tokenService = HttpServer.create()
                .host("127.0.0.1")
                .port(0)
                .route(routes -> routes.get("/internal/v1/accounts/{appId}/callback-settings", (request, response) -> {
                    requests.incrementAndGet();
                    authorizations.add(request.requestHeaders().get("Authorization"));
                    if (failuresLeft.getAndDecrement() > 0) {
                        return response.status(500).send();
                    }
                    if (!KNOWN.equals(request.param("appId"))) {
                        return response.status(404).send();
                    }
                    return response.header("Content-Type", "application/json")
                            .sendString(Mono.just("""
                            {"appId":"%s","tenantId":"t1","mode":"DIRECT","callbackToken":"%s",
                             "aesKeys":["%s"],"status":"ACTIVE","futureField":1}""".formatted(KNOWN, token.get(), KEY)));
                }))
                .bindNow();
        CallbackSettingsCache cache = new CallbackSettingsCache(new SettingsProperties(
                URI.create("http://127.0.0.1:" + tokenService.port()),
                "internal-secret",
                Duration.ofSeconds(2),
                ttl,
                negativeTtl,
                1000));
        // As at service start: a cold client on a busy machine could otherwise spend the 2 s timeout warming up.
        cache.warmUp().block();
        requests.set(0);
        authorizations.clear();
        return cache;
    }
}
