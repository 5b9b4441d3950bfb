package io.wxplatform.token;

import com.mongodb.reactivestreams.client.MongoDatabase;
import io.wxplatform.testkit.TestInfrastructure;
import io.wxplatform.testkit.auth.TestIssuer;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;

/** token-service on a random port with real Kafka and MongoDB from the test kit and the real sandbox as WeChat. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        classes = {TokenServiceApplication.class, TestClockConfiguration.class})
// Functional tests, not latency tests: the test JVM's one mongo-java-server serves every cached token-service context,
// whose refresh loops' conditional writes scan under its lock (docs/benchmarks.md), and on a clean-clone run one
// tenant insert once waited more than WebTestClient's default 5 s behind them.
@AutoConfigureWebTestClient(timeout = "15s")
public abstract class TokenServiceITSupport {

    public static final String INTERNAL_TOKEN = "it-internal-token";

    @Autowired
    protected WebTestClient http;

    @Autowired
    protected MongoDatabase database;

    @LocalServerPort
    protected int port;

    /** REST calls are an operator's unless a test sends its own token; internal calls send the service credential. */
    @BeforeEach
    void asAnOperator() {
        http = http.mutate()
                .defaultHeaders(
                        headers -> headers.setBearerAuth(TestIssuer.shared().operator()))
                .build();
    }

    /** The REST client with a tenant admin's token instead of the operator's. */
    protected WebTestClient asAdminOf(String tenantId) {
        return http.mutate()
                .defaultHeaders(
                        headers -> headers.setBearerAuth(TestIssuer.shared().mint(tenantId, TestIssuer.TENANT_ADMIN)))
                .build();
    }

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        properties().forEach((key, value) -> registry.add(key, () -> value));
    }

    /** The same settings for every token-service context a test starts. */
    public static Map<String, String> properties() {
        Map<String, String> properties = new HashMap<>(TestIssuer.shared().serviceProperties());
        properties.putAll(Map.of(
                "spring.kafka.bootstrap-servers", TestInfrastructure.kafkaBootstrapServers(),
                "wxplatform.mongodb.uri", TestInfrastructure.mongoUri(),
                "wxplatform.wechat.base-url", Sandbox.url(),
                "wxplatform.internal.auth-token", INTERNAL_TOKEN));
        return properties;
    }

    protected WebTestClient.ResponseSpec createTenant(String tenantId) {
        return http.post()
                .uri("/api/v1/tenants")
                .bodyValue(Map.of("id", tenantId, "name", "Tenant " + tenantId))
                .exchange();
    }

    protected WebTestClient.ResponseSpec registerAccount(String tenantId, Map<String, Object> body) {
        return http.post()
                .uri("/api/v1/tenants/{tenantId}/accounts", tenantId)
                .bodyValue(body)
                .exchange();
    }

    /** A tenant with one account, registered in token-service and in the sandbox (same secret). */
    protected Registered registered() {
        String tenantId = Fixtures.tenantId();
        String appId = Fixtures.appId();
        String secret = Fixtures.secret();
        String callbackToken = "tok" + Fixtures.hex(4);
        Sandbox.registerAccount(appId, secret, callbackToken, Fixtures.AES_KEY);
        createTenant(tenantId).expectStatus().isCreated();
        registerAccount(tenantId, Fixtures.account(appId, secret, callbackToken))
                .expectStatus()
                .isCreated();
        return new Registered(tenantId, appId, secret, callbackToken);
    }

    protected record Registered(String tenantId, String appId, String secret, String callbackToken) {}

    protected WebTestClient.RequestHeadersSpec<?> internalGet(String path, Object... vars) {
        return http.get().uri(path, vars).header(HttpHeaders.AUTHORIZATION, "Bearer " + INTERNAL_TOKEN);
    }

    protected Map<String, Object> accessToken(String appId) {
        return internalGet("/internal/v1/accounts/{appId}/access-token", appId)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON_MAP)
                .returnResult()
                .getResponseBody();
    }

    protected HttpStatus reportInvalid(WebTestClient client, String appId, long version) {
        return HttpStatus.valueOf(client.post()
                .uri("/internal/v1/accounts/{appId}/access-token/invalid", appId)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + INTERNAL_TOKEN)
                .bodyValue(Map.of("version", version))
                .exchange()
                .returnResult(Void.class)
                .getStatus()
                .value());
    }

    protected Document rawDocument(String collection, String id) {
        return Mono.from(database.getCollection(collection)
                        .find(new Document("_id", id))
                        .first())
                .block(Duration.ofSeconds(5));
    }

    protected static final ParameterizedTypeReference<Map<String, Object>> JSON_MAP =
            new ParameterizedTypeReference<>() {};
}
