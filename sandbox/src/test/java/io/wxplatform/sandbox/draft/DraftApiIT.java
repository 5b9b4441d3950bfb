package io.wxplatform.sandbox.draft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wxplatform.sandbox.SandboxITSupport;
import io.wxplatform.sandbox.follower.FakePlatform;
import io.wxplatform.wechat.protocol.InboundMessages;
import io.wxplatform.wechat.protocol.PublishJobFinishEvent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.web.reactive.function.BodyInserters;

/**
 * Drafts with permanent covers, and publish jobs that finish on their own (PUBLISHJOBFINISH pushed to the account) or
 * in sandbox time; published articles listed, read and deleted.
 */
class DraftApiIT extends SandboxITSupport {

    private String token;
    private String permanentThumb;

    private FakePlatform platform;

    @BeforeEach
    void account() {
        platform = new FakePlatform();
        Map<String, Object> account = account(APP_ID);
        account.put("callbackUrl", platform.url());
        createAccount(account);
        token = accessToken();
        permanentThumb = upload("/cgi-bin/material/add_material?type=image");
    }

    @AfterEach
    void stopPlatform() {
        platform.close();
    }

    private Map<String, Object> article(String title, String thumb) {
        return Map.of("title", title, "content", "<p>hello</p>", "thumb_media_id", thumb);
    }

    @Test
    void aDraftIsAddedReadUpdatedCountedListedAndDeleted() {
        String mediaId = (String) post("draft/add", Map.of("articles", List.of(article("春季新品", permanentThumb))))
                .get("media_id");

        assertThat(post("draft/get", Map.of("media_id", mediaId)).toString()).contains("春季新品");
        assertThat(errcode(post(
                        "draft/update",
                        Map.of("media_id", mediaId, "index", 0, "articles", article("夏季新品", permanentThumb)))))
                .isEqualTo(0);
        assertThat(post("draft/get", Map.of("media_id", mediaId)).toString()).contains("夏季新品");
        assertThat(getJson("/cgi-bin/draft/count?access_token={t}", token)).containsEntry("total_count", 1);
        assertThat(post("draft/batchget", Map.of("offset", 0, "count", 20, "no_content", 1))
                        .toString())
                .contains(mediaId)
                .doesNotContain("<p>hello</p>");
        assertThat(errcode(post("draft/delete", Map.of("media_id", mediaId)))).isEqualTo(0);
        assertThat(errcode(post("draft/get", Map.of("media_id", mediaId)))).isEqualTo(40007);
    }

    @Test
    void aCoverMustBePermanentTitlesShortAndLinksWeChatsOwn() {
        String temporary = upload("/cgi-bin/media/upload?type=image");

        assertThat(errcode(post("draft/add", Map.of("articles", List.of(article("t", temporary))))))
                .isEqualTo(40007);
        assertThat(errcode(post("draft/add", Map.of("articles", List.of(article("x".repeat(33), permanentThumb))))))
                .isEqualTo(45003);
        Map<String, Object> linked = Map.of(
                "title",
                "t",
                "content",
                "<a href=\"https://shop.example.com\">shop</a>",
                "thumb_media_id",
                permanentThumb);
        assertThat(errcode(post("draft/add", Map.of("articles", List.of(linked)))))
                .isEqualTo(45166);
        assertThat(errcode(post("material/add_news", Map.of("articles", List.of(article("t", permanentThumb))))))
                .isEqualTo(45103);
    }

    @Test
    void aPublishJobFinishesInSandboxTime() {
        String mediaId = (String) post("draft/add", Map.of("articles", List.of(article("t", permanentThumb))))
                .get("media_id");
        String publishId =
                (String) post("freepublish/submit", Map.of("media_id", mediaId)).get("publish_id");

        assertThat(post("freepublish/get", Map.of("publish_id", publishId))).containsEntry("publish_status", 1);
        advanceClock(DraftStore.PUBLISH_TIME.toSeconds());
        Map<String, Object> done = post("freepublish/get", Map.of("publish_id", publishId));
        assertThat(done).containsEntry("publish_status", 0);
        assertThat((String) done.get("article_id")).isNotBlank();

        assertThat(errcode(post("freepublish/delete", Map.of("article_id", done.get("article_id"), "index", 0))))
                .isEqualTo(0);
        assertThat(post("freepublish/get", Map.of("publish_id", publishId))).containsEntry("publish_status", 5);
    }

    @Test
    void aSubmittedJobIsPublishedOnItsOwnAndPushedToTheAccount() {
        String mediaId = (String) post(
                        "draft/add",
                        Map.of("articles", List.of(article("一", permanentThumb), article("二", permanentThumb))))
                .get("media_id");
        String publishId =
                (String) post("freepublish/submit", Map.of("media_id", mediaId)).get("publish_id");

        String pushed = await().atMost(Duration.ofSeconds(10))
                .until(
                        () -> platform.received().stream()
                                .map(FakePlatform.Received::body)
                                .filter(body -> body.contains("PUBLISHJOBFINISH"))
                                .findFirst(),
                        Optional::isPresent)
                .get();
        PublishJobFinishEvent event = (PublishJobFinishEvent) InboundMessages.parse(pushed);
        assertThat(event.publishId()).isEqualTo(publishId);
        assertThat(event.published()).isTrue();
        assertThat(event.articles()).hasSize(2);
        assertThat(post("freepublish/get", Map.of("publish_id", publishId)))
                .containsEntry("publish_status", 0)
                .containsEntry("article_id", event.articleId());

        Map<String, Object> listed = post("freepublish/batchget", Map.of("offset", 0, "count", 20, "no_content", 1));
        assertThat(listed).containsEntry("total_count", 1);
        assertThat(listed.toString())
                .contains(event.articleId(), event.articles().get(1).url());
        assertThat(post("freepublish/getarticle", Map.of("article_id", event.articleId()))
                        .toString())
                .contains("一", "二", "is_deleted=false");

        assertThat(errcode(post("freepublish/delete", Map.of("article_id", event.articleId(), "index", 0))))
                .isEqualTo(0);
        assertThat(post("freepublish/batchget", Map.of("offset", 0, "count", 20)))
                .containsEntry("total_count", 0);
    }

    private Map<String, Object> post(String api, Map<String, Object> body) {
        return postJson("/cgi-bin/" + api + "?access_token=" + token, body);
    }

    private String upload(String uri) {
        MultipartBodyBuilder parts = new MultipartBodyBuilder();
        parts.part("media", new ByteArrayResource(new byte[] {1, 2, 3}) {
                    @Override
                    public String getFilename() {
                        return "cover.jpg";
                    }
                })
                .filename("cover.jpg");
        Map<String, Object> answer = http.post()
                .uri(uri + "&access_token=" + token)
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .body(BodyInserters.fromMultipartData(parts.build()))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();
        return (String) answer.get("media_id");
    }
}
