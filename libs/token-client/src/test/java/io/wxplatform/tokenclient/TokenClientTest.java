package io.wxplatform.tokenclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.wxplatform.testkit.time.MutableClock;
import io.wxplatform.wechat.api.ErrorCategory;
import io.wxplatform.wechat.api.WeChatApiException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

class TokenClientTest {

    private static final String APP_ID = "wx0123456789abcdef";
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant EXPIRES_AT = NOW.plus(Duration.ofHours(2));

    private final MutableClock clock = new MutableClock(NOW);
    private final FakeTokenService tokenService = new FakeTokenService(EXPIRES_AT);
    private final TokenClient client = new TokenClient(
            WebClient.builder(),
            URI.create(tokenService.baseUrl()),
            FakeTokenService.AUTH,
            clock,
            new TokenClientOptions(Duration.ofSeconds(60), Duration.ofSeconds(2)));

    @AfterEach
    void stop() {
        tokenService.close();
    }

    @Test
    void aTokenIsLoadedOnceAndServedFromTheCacheAfterwards() {
        AccessTokenView first = client.accessToken(APP_ID).block();
        AccessTokenView second = client.accessToken(APP_ID).block();

        assertThat(first).isEqualTo(new AccessTokenView(APP_ID, "token-v1", EXPIRES_AT, 1));
        assertThat(second).isEqualTo(first);
        assertThat(tokenService.tokenRequests()).isEqualTo(1);
        assertThat(first.toString()).doesNotContain("token-v1");
    }

    @Test
    void theCachedTokenIsReloadedWithinTheMarginBeforeItExpires() {
        client.accessToken(APP_ID).block();

        clock.set(EXPIRES_AT.minusSeconds(61));
        client.accessToken(APP_ID).block();
        assertThat(tokenService.tokenRequests()).isEqualTo(1);

        clock.set(EXPIRES_AT.minusSeconds(59));
        client.accessToken(APP_ID).block();
        assertThat(tokenService.tokenRequests()).isEqualTo(2);
    }

    @Test
    void aHundredConcurrentCallersShareOneRequest() {
        tokenService.delay(Duration.ofMillis(300));

        List<AccessTokenView> tokens = Flux.range(0, 100)
                .flatMap(i -> client.accessToken(APP_ID).subscribeOn(Schedulers.parallel()), 100)
                .collectList()
                .block(Duration.ofSeconds(10));

        assertThat(tokens).hasSize(100).allMatch(token -> token.accessToken().equals("token-v1"));
        assertThat(tokenService.tokenRequests()).isEqualTo(1);
    }

    @Test
    void aFailedLoadIsNotCached() {
        tokenService.failNext(1, 503, "{\"code\":\"UNAVAILABLE\",\"status\":503}");

        TokenServiceException error = catchThrowableOfType(
                TokenServiceException.class, () -> client.accessToken(APP_ID).block());
        AccessTokenView token = client.accessToken(APP_ID).block();

        assertThat(error.status()).isEqualTo(503);
        assertThat(error.isRetryable()).isTrue();
        assertThat(token.accessToken()).isEqualTo("token-v1");
    }

    @Test
    void anUnknownAccountIsAPermanentFailureWithTheProblemCode() {
        tokenService.failNext(1, 404, "{\"code\":\"ACCOUNT_NOT_FOUND\",\"status\":404,\"detail\":\"no such account\"}");

        TokenServiceException error = catchThrowableOfType(
                TokenServiceException.class, () -> client.accessToken(APP_ID).block());

        assertThat(error.code()).isEqualTo("ACCOUNT_NOT_FOUND");
        assertThat(error.isRetryable()).isFalse();
    }

    @Test
    void aWeChatRefusalRelayedByTokenServiceBecomesAWeChatApiException() {
        tokenService.failNext(
                1,
                502,
                "{\"code\":\"WECHAT_ERROR\",\"errcode\":40125,\"errmsg\":\"invalid appsecret\","
                        + "\"api\":\"/cgi-bin/stable_token\"}");

        WeChatApiException error = catchThrowableOfType(
                WeChatApiException.class, () -> client.accessToken(APP_ID).block());

        assertThat(error.errcode()).isEqualTo(40125);
        assertThat(error.category()).isEqualTo(ErrorCategory.CONFIGURATION);
        assertThat(error.appId()).isEqualTo(APP_ID);
    }

    @Test
    void withoutTheInternalCredentialTokenServiceRefuses() {
        TokenClient stranger = new TokenClient(WebClient.builder(), URI.create(tokenService.baseUrl()), "wrong", clock);

        TokenServiceException error = catchThrowableOfType(
                TokenServiceException.class, () -> stranger.accessToken(APP_ID).block());

        assertThat(error.status()).isEqualTo(401);
    }

    @Test
    void aStaleTokenIsReportedAndTheCallRetriedOnceWithTheNewToken() {
        List<String> tokensUsed = new java.util.concurrent.CopyOnWriteArrayList<>();

        String result = client.withToken(APP_ID, token -> {
                    tokensUsed.add(token);
                    return token.equals("token-v1") ? Mono.error(stale()) : Mono.just("sent with " + token);
                })
                .block();

        assertThat(result).isEqualTo("sent with token-v2");
        assertThat(tokensUsed).containsExactly("token-v1", "token-v2");
        assertThat(tokenService.invalidReports()).containsExactly("{\"version\":1}");
        assertThat(tokenService.tokenRequests()).isEqualTo(2);
    }

    @Test
    void aSecondStaleTokenIsNotRetriedAgain() {
        AtomicInteger attempts = new AtomicInteger();

        WeChatApiException error = catchThrowableOfType(
                WeChatApiException.class,
                () -> client.withToken(APP_ID, token -> {
                            attempts.incrementAndGet();
                            return Mono.error(stale());
                        })
                        .block());

        assertThat(error.errcode()).isEqualTo(40001);
        assertThat(attempts).hasValue(2);
        assertThat(tokenService.invalidReports()).hasSize(1);
    }

    @Test
    void otherWeChatErrorsAreNotRetried() {
        AtomicInteger attempts = new AtomicInteger();

        WeChatApiException error = catchThrowableOfType(
                WeChatApiException.class,
                () -> client.withToken(APP_ID, token -> {
                            attempts.incrementAndGet();
                            return Mono.error(
                                    new WeChatApiException(45015, "response out of time limit", APP_ID, "/x"));
                        })
                        .block());

        assertThat(error.category()).isEqualTo(ErrorCategory.WINDOW);
        assertThat(attempts).hasValue(1);
        assertThat(tokenService.invalidReports()).isEmpty();
        assertThat(tokenService.refusalReports()).isEmpty();
    }

    @Test
    void aPermissionRefusalIsRecordedOnTheAccountInTokenServiceAndPassedOn() {
        WeChatApiException error = catchThrowableOfType(
                WeChatApiException.class,
                () -> client.withToken(
                                APP_ID,
                                token -> Mono.error(new WeChatApiException(
                                        48001, "api unauthorized", APP_ID, "/cgi-bin/menu/create")))
                        .block());

        assertThat(error.errcode()).isEqualTo(48001);
        assertThat(tokenService.refusalReports())
                .singleElement()
                .asString()
                .startsWith(APP_ID + " ")
                .contains("\"api\":\"/cgi-bin/menu/create\"", "\"apiGroup\":\"MENUS\"", "\"errcode\":48001");
    }

    @Test
    void reportingAVersionDropsTheCachedToken() {
        client.accessToken(APP_ID).block();

        client.reportInvalid(APP_ID, 1).block();
        AccessTokenView next = client.accessToken(APP_ID).block();

        assertThat(next.version()).isEqualTo(2);
        assertThat(tokenService.tokenRequests()).isEqualTo(2);
    }

    @Test
    void aRotationNoticeForANewerVersionMakesTheNextCallLoadIt() {
        client.accessToken(APP_ID).block();

        client.onRotated(APP_ID, tokenService.rotate());
        AccessTokenView next = client.accessToken(APP_ID).block();

        assertThat(next.version()).isEqualTo(2);
        assertThat(next.accessToken()).isEqualTo("token-v2");
        assertThat(tokenService.tokenRequests()).isEqualTo(2);
    }

    @Test
    void aRotationNoticeForTheCachedOrAnOlderVersionKeepsTheCache() {
        client.accessToken(APP_ID).block();
        client.onRotated(APP_ID, tokenService.rotate());
        client.accessToken(APP_ID).block();

        client.onRotated(APP_ID, 2);
        client.onRotated(APP_ID, 1);
        AccessTokenView cached = client.accessToken(APP_ID).block();

        assertThat(cached.version()).isEqualTo(2);
        assertThat(tokenService.tokenRequests()).isEqualTo(2);
    }

    @Test
    void aRotationNoticeForAnAccountNotCachedLoadsNothing() {
        client.onRotated(APP_ID, 7);

        assertThat(tokenService.tokenRequests()).isZero();
    }

    private static WeChatApiException stale() {
        return new WeChatApiException(40001, "invalid credential", APP_ID, "/cgi-bin/message/custom/send");
    }
}
