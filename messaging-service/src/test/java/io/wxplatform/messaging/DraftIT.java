package io.wxplatform.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wxplatform.testkit.Inbound;
import io.wxplatform.testkit.TestInfrastructure;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

/**
 * Article drafts and publishing through messaging-service's REST API against the real sandbox (WeChat) with tokens
 * from the real token-service: WeChat's limits first, covers that must be permanent, a publish job finished by the
 * sandbox's PUBLISHJOBFINISH (relayed onto wx.inbound.v1 by {@link CallbackRelay}), its articles listed and deleted.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext // its consumers must not compete with those of another test context
class DraftIT {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};

    @LocalServerPort
    int port;

    private TestAccount account;
    private WebTestClient messaging;
    private String base;

    @DynamicPropertySource
    static void dependencies(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", TestInfrastructure::kafkaBootstrapServers);
        registry.add("wxplatform.mongodb.uri", TestInfrastructure::mongoUri);
        registry.add("wxplatform.wechat.base-url", RealDependencies::sandboxUrl);
        registry.add("wxplatform.token-service.url", RealDependencies::tokenServiceUrl);
        registry.add("wxplatform.internal.auth-token", () -> RealDependencies.INTERNAL_AUTH_TOKEN);
        RealDependencies.trustTestIssuer(registry);
    }

    private static CallbackRelay relay;

    @BeforeAll
    static void topics() {
        Inbound.createTopics();
        relay = new CallbackRelay();
    }

    @AfterAll
    static void stopRelay() {
        relay.close();
    }

    @BeforeEach
    void registered() {
        account = TypedTestAccount.register("SERVICE", true);
        messaging = account.adminClient("http://localhost:" + port);
        base = "/api/v1/tenants/" + account.tenantId() + "/accounts/" + account.appId();
        TypedTestAccount.awaitKnown(account, messaging);
    }

    private static Map<String, Object> article(String title, String thumb) {
        return Map.of("title", title, "author", "编辑部", "content", "<p>春天来了</p>", "thumbMediaId", thumb);
    }

    @Test
    void aDraftWithAPermanentCoverIsAddedReadUpdatedListedAndDeleted() {
        String cover = upload("/materials");

        Map<String, Object> draft = post("/drafts", Map.of("articles", List.of(article("春季新品", cover))), 201);
        String mediaId = (String) draft.get("mediaId");

        assertThat(get("/drafts/" + mediaId).get("articles").toString()).contains("春季新品", cover);
        messaging
                .put()
                .uri(base + "/drafts/" + mediaId + "/articles/0")
                .bodyValue(article("夏季新品", cover))
                .exchange()
                .expectStatus()
                .isNoContent();
        assertThat(get("/drafts/" + mediaId).get("articles").toString()).contains("夏季新品");
        assertThat(get("/drafts/count")).containsEntry("total", 1);
        assertThat(get("/drafts?noContent=true").get("items").toString())
                .contains(mediaId)
                .doesNotContain("春天来了");

        messaging
                .delete()
                .uri(base + "/drafts/" + mediaId)
                .exchange()
                .expectStatus()
                .isNoContent();
        assertThat(get("/drafts/count")).containsEntry("total", 0);
    }

    @Test
    void draftsBreakingWeChatsLimitsAreRefusedFieldByField() {
        Map<String, Object> problem = post(
                "/drafts",
                Map.of(
                        "articles",
                        List.of(
                                Map.of("title", "x".repeat(33), "author", "y".repeat(17)),
                                // wechat-protocol.md §7: WeChat answers 45166 for links outside its articles.
                                Map.of(
                                        "title",
                                        "t",
                                        "content",
                                        "<a href=\"https://shop.example.com\">shop</a>",
                                        "thumbMediaId",
                                        "m"))),
                400);

        assertThat(problem).containsEntry("code", "VALIDATION_FAILED");
        assertThat(((Map<?, ?>) problem.get("errors")).keySet().stream().map(Object::toString))
                .contains(
                        "articles[0].title",
                        "articles[0].author",
                        "articles[0].content",
                        "articles[0].thumbMediaId",
                        "articles[1].content");
    }

    @Test
    void aTemporaryImageCannotBeACover() {
        // wechat-protocol.md §7: temporary and permanent media_ids mixed up are WeChat's 40007.
        String temporary = upload("/media");

        Map<String, Object> problem = post("/drafts", Map.of("articles", List.of(article("t", temporary))), 400);

        assertThat(problem).containsEntry("code", "VALIDATION_FAILED");
        assertThat(problem.get("errors").toString()).contains("articles[0].thumbMediaId", "temporary");
        // A media_id the platform never saw is WeChat's to judge: its 40007 arrives as WECHAT_ERROR.
        assertThat(post("/drafts", Map.of("articles", List.of(article("t", "not-a-material"))), 422))
                .containsEntry("code", "WECHAT_ERROR")
                .containsEntry("errcode", 40007);
    }

    @Test
    void aPublishedDraftIsFinishedByWeChatsEventListedAndDeleted() {
        relay.follow(account, RealDependencies.sandboxUrl());
        String cover = upload("/materials");
        String mediaId =
                (String) post("/drafts", Map.of("articles", List.of(article("发布", cover), article("第二篇", cover))), 201)
                        .get("mediaId");

        Map<String, Object> job = post("/drafts/" + mediaId + "/publication", Map.of(), 202);
        String publication = "/publications/" + job.get("publishId");
        assertThat(job).containsEntry("status", 1).containsEntry("draftMediaId", mediaId);

        // The sandbox publishes on its own and pushes PUBLISHJOBFINISH, as WeChat does.
        Map<String, Object> published = await().atMost(Duration.ofSeconds(30))
                .until(() -> get(publication), record -> !((List<?>) record.get("articles")).isEmpty());
        assertThat(published).containsEntry("status", 0);
        String articleId = (String) published.get("articleId");
        assertThat(articleId).isNotBlank();
        assertThat(published.get("articles").toString()).contains("index=1", "index=2", "https://mp.weixin.qq.com/s/");

        Map<String, Object> listed = get("/published?noContent=true");
        assertThat(listed).containsEntry("total", 1);
        assertThat(listed.get("items").toString()).contains(articleId, "发布").doesNotContain("春天来了");
        assertThat(get("/published/" + articleId).get("items").toString()).contains("第二篇", "deleted=false");

        messaging
                .delete()
                .uri(base + "/published/" + articleId)
                .exchange()
                .expectStatus()
                .isNoContent();
        assertThat(get("/published")).containsEntry("total", 0);
        assertThat(get(publication)).containsEntry("status", 5);
    }

    private Map<String, Object> post(String path, Object body, int status) {
        return messaging
                .post()
                .uri(base + path)
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isEqualTo(status)
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();
    }

    private Map<String, Object> get(String path) {
        return messaging
                .get()
                .uri(base + path)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();
    }

    /** An image as temporary media ({@code /media}) or permanent material ({@code /materials}): its media_id. */
    private String upload(String path) {
        MultipartBodyBuilder parts = new MultipartBodyBuilder();
        parts.part("file", new ByteArrayResource(new byte[] {1, 2, 3}) {
                    @Override
                    public String getFilename() {
                        return "cover.jpg";
                    }
                })
                .filename("cover.jpg");
        parts.part("type", "image");
        return (String) messaging
                .post()
                .uri(base + path)
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .body(BodyInserters.fromMultipartData(parts.build()))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody()
                .get("mediaId");
    }
}
