package io.wxplatform.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wxplatform.events.Topics;
import io.wxplatform.testkit.Inbound;
import io.wxplatform.testkit.KafkaProbe;
import io.wxplatform.testkit.TestInfrastructure;
import io.wxplatform.tokenclient.TokenClient;
import io.wxplatform.tokenclient.TokenRotationListener;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * token-service replaces a token messaging-service has cached (another service reported it, so WeChat revoked it):
 * the rotation notice on wx.token.v1 drops the cached copy, and the next send goes out with the new version at once
 * instead of meeting 40001 and retrying.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "wxplatform.inbound.group-id=messaging-service-token-rotation-it",
            "wxplatform.mongodb.database=wx_messaging_token_rotation_it"
        })
@DirtiesContext // its consumer must not compete with the one of another test context
class TokenRotationIT {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @LocalServerPort
    int port;

    @Autowired
    TokenClient tokens;

    @Autowired
    TokenRotationListener rotations;

    @DynamicPropertySource
    static void dependencies(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", TestInfrastructure::kafkaBootstrapServers);
        registry.add("wxplatform.mongodb.uri", TestInfrastructure::mongoUri);
        registry.add("wxplatform.wechat.base-url", RealDependencies::sandboxUrl);
        registry.add("wxplatform.token-service.url", RealDependencies::tokenServiceUrl);
        registry.add("wxplatform.internal.auth-token", () -> RealDependencies.INTERNAL_AUTH_TOKEN);
        RealDependencies.trustTestIssuer(registry);
    }

    @BeforeAll
    static void topics() {
        Inbound.createTopics();
        KafkaProbe.createTopics(Topics.TOKEN);
    }

    @Test
    void aRotationNoticeMakesTheNextSendUseTheNewTokenWithoutAStaleTokenRoundTrip() {
        WebTestClient sandbox = TestAccount.client(RealDependencies.sandboxUrl());
        TestAccount account = TestAccount.register();
        Conversation conversation = Conversation.with(account, port);
        await().atMost(DEADLINE).until(rotations::isAssigned);
        conversation.followerWrites("o-rita", "first");
        conversation.sendAccepted(Conversation.text("o-rita", "answer 1"));
        await().atMost(DEADLINE)
                .until(() -> customerServiceTexts(sandbox, account, "o-rita").size() == 1);
        long cached = tokens.accessToken(account.appId()).block(DEADLINE).version();

        // Another service met WeChat's refusal and reported the version: token-service forces a new token.
        TestAccount.client(RealDependencies.tokenServiceUrl())
                .post()
                .uri("/internal/v1/accounts/{a}/access-token/invalid", account.appId())
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + RealDependencies.INTERNAL_AUTH_TOKEN)
                .bodyValue(Map.of("version", cached))
                .exchange()
                .expectStatus()
                .isAccepted();
        await().atMost(DEADLINE)
                .until(() -> tokens.accessToken(account.appId()).block(DEADLINE).version() == cached + 1);

        conversation.sendAccepted(Conversation.text("o-rita", "answer 2"));

        await().atMost(DEADLINE)
                .until(() -> customerServiceTexts(sandbox, account, "o-rita").size() == 2);
        assertThat(apiCalls(sandbox, account))
                .filteredOn(call -> "message/custom/send".equals(call.get("api")))
                .extracting(call -> call.get("errcode"))
                .as("both sends went out with a live token, none met 40001")
                .containsExactly(0, 0);
    }

    private static List<Object> customerServiceTexts(WebTestClient sandbox, TestAccount account, String openId) {
        return sandbox
                .get()
                .uri("/sandbox/accounts/{a}/followers/{o}/inbox", account.appId(), openId)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(new ParameterizedTypeReference<List<Map<String, Object>>>() {})
                .returnResult()
                .getResponseBody()
                .stream()
                .filter(entry -> "CUSTOMER_SERVICE".equals(entry.get("source")))
                .map(entry -> entry.get("content"))
                .toList();
    }

    private static List<Map<String, Object>> apiCalls(WebTestClient sandbox, TestAccount account) {
        return sandbox.get()
                .uri("/sandbox/accounts/{a}/api-calls", account.appId())
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(new ParameterizedTypeReference<List<Map<String, Object>>>() {})
                .returnResult()
                .getResponseBody();
    }
}
