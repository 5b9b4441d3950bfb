package io.wxplatform.token.credential;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxplatform.token.Fixtures;
import io.wxplatform.token.Sandbox;
import io.wxplatform.token.TestClock;
import io.wxplatform.token.TestClockConfiguration;
import io.wxplatform.token.TokenServiceApplication;
import io.wxplatform.token.TokenServiceITSupport;
import io.wxplatform.tokenclient.AccessTokenView;
import io.wxplatform.tokenclient.TokenClient;
import io.wxplatform.wechat.api.CustomMessage;
import io.wxplatform.wechat.api.WeChatClient;
import io.wxplatform.wechat.api.WeChatClientConfig;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;

class AccessTokenIT extends TokenServiceITSupport {

    @Test
    void aTokenIsFetchedFromWeChatOnceStoredEncryptedAndServedAsVersionOne() {
        Registered account = registered();

        Map<String, Object> first = accessToken(account.appId());
        Document stored = rawDocument("credentials", account.appId() + "|ACCESS_TOKEN");
        Map<String, Object> second = accessToken(account.appId());

        assertThat(first.get("version")).isEqualTo(1);
        assertThat(first.get("appId")).isEqualTo(account.appId());
        String token = (String) first.get("accessToken");
        assertThat(token).hasSizeGreaterThan(32);
        assertThat(Instant.parse((String) first.get("expiresAt")))
                .isBetween(
                        TestClock.INSTANCE.instant().plusSeconds(7100),
                        TestClock.INSTANCE.instant().plusSeconds(7200));
        assertThat(second).isEqualTo(first);
        assertThat(rawDocument("credentials", account.appId() + "|ACCESS_TOKEN"))
                .isEqualTo(stored);
        assertThat(stored.toJson()).doesNotContain(token);
        assertThat(stored.getLong("version")).isEqualTo(1L);
    }

    @Test
    void aReportedTokenIsReplacedOnceByTheNextVersion() {
        Registered account = registered();
        Map<String, Object> first = accessToken(account.appId());

        assertThat(reportInvalid(http, account.appId(), 1)).isEqualTo(HttpStatus.ACCEPTED);
        Map<String, Object> second = accessToken(account.appId());
        assertThat(reportInvalid(http, account.appId(), 1)).isEqualTo(HttpStatus.ACCEPTED);
        Map<String, Object> third = accessToken(account.appId());

        assertThat(second.get("version")).isEqualTo(2);
        assertThat(second.get("accessToken")).isNotEqualTo(first.get("accessToken"));
        assertThat(third).isEqualTo(second);
    }

    @Test
    void twentyConcurrentReportsAcrossTwoReplicasMakeExactlyOneNewVersion() {
        Registered account = registered();
        accessToken(account.appId());
        try (ConfigurableApplicationContext replica = startReplica()) {
            String replicaUrl = "http://localhost:" + replica.getEnvironment().getProperty("local.server.port");
            List<String> urls = List.of("http://localhost:" + port, replicaUrl);

            List<Integer> statuses = Flux.range(0, 20)
                    .flatMap(
                            i -> WebClient.create(urls.get(i % 2))
                                    .post()
                                    .uri("/internal/v1/accounts/{a}/access-token/invalid", account.appId())
                                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + INTERNAL_TOKEN)
                                    .bodyValue(Map.of("version", 1))
                                    .exchangeToMono(response -> response.releaseBody()
                                            .thenReturn(response.statusCode().value())),
                            20)
                    .collectList()
                    .block(Duration.ofSeconds(30));

            // A second forced refresh within 30 s would have been refused by WeChat (45011): none was attempted.
            assertThat(statuses).hasSize(20).containsOnly(202);
            assertThat(accessToken(account.appId()).get("version")).isEqualTo(2);
            assertThat(rawDocument("credentials", account.appId() + "|ACCESS_TOKEN")
                            .getLong("version"))
                    .isEqualTo(2L);
        }
    }

    @Test
    void aTokenCloseToExpiryIsReplacedByTheNextVersion() {
        Registered account = registered();
        Map<String, Object> first = accessToken(account.appId());

        Duration nearlyTwoHours = Duration.ofSeconds(7200 - 50);
        TestClock.INSTANCE.advance(nearlyTwoHours);
        Sandbox.advanceClock(nearlyTwoHours);
        Map<String, Object> second = accessToken(account.appId());

        assertThat(second.get("version")).isEqualTo(2);
        assertThat(second.get("accessToken")).isNotEqualTo(first.get("accessToken"));
    }

    @Test
    void aWeChatRefusalIsRelayedWithItsErrcodeAndWithoutTheSecret() {
        String tenantId = Fixtures.tenantId();
        String appId = Fixtures.appId();
        String wrongSecret = Fixtures.secret();
        Sandbox.registerAccount(appId, Fixtures.secret(), "tok1", Fixtures.AES_KEY);
        createTenant(tenantId).expectStatus().isCreated();
        registerAccount(tenantId, Fixtures.account(appId, wrongSecret, "tok1"))
                .expectStatus()
                .isCreated();

        byte[] body = internalGet("/internal/v1/accounts/{a}/access-token", appId)
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.BAD_GATEWAY)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("WECHAT_ERROR")
                .jsonPath("$.errcode")
                .isEqualTo(40125)
                .jsonPath("$.category")
                .isEqualTo("CONFIGURATION")
                .returnResult()
                .getResponseBodyContent();
        assertThat(new String(body, StandardCharsets.UTF_8)).doesNotContain(wrongSecret);
    }

    @Test
    void tokenClientRetriesOnceWithTheNextVersionAfterWeChatRevokedItsToken() {
        Registered account = registered();
        String openId = "o" + Fixtures.hex(8);
        Sandbox.followerSays(account.appId(), openId, "hi");
        TokenClient tokens = new TokenClient(
                WebClient.builder(), URI.create("http://localhost:" + port), INTERNAL_TOKEN, TestClock.INSTANCE);
        WeChatClient wechat = WeChatClient.create(WeChatClientConfig.of(Sandbox.url()));
        AccessTokenView cached = tokens.accessToken(account.appId()).block();
        // Another service reports it; the forced refresh revokes the token this client still caches.
        reportInvalid(http, account.appId(), cached.version());

        List<String> used = new ArrayList<>();
        tokens.withToken(account.appId(), token -> {
                    used.add(token);
                    return wechat.messages()
                            .sendCustom(account.appId(), token, new CustomMessage.Text(openId, "hello"));
                })
                .block(Duration.ofSeconds(10));

        assertThat(used).hasSize(2).doesNotHaveDuplicates();
        assertThat(used.get(0)).isEqualTo(cached.accessToken());
        assertThat(tokens.accessToken(account.appId()).block().version()).isEqualTo(2);
        assertThat(Sandbox.inbox(account.appId(), openId))
                .contains("CUSTOMER_SERVICE")
                .contains("hello");
    }

    private static ConfigurableApplicationContext startReplica() {
        List<String> args = new ArrayList<>();
        args.add("--server.port=0");
        properties().forEach((key, value) -> args.add("--" + key + "=" + value));
        return new SpringApplicationBuilder(TokenServiceApplication.class, TestClockConfiguration.class)
                .run(args.toArray(String[]::new));
    }
}
