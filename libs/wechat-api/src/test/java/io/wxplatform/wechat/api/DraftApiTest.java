package io.wxplatform.wechat.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code wechat.drafts()} against a real HTTP server standing in for WeChat. */
class DraftApiTest {

    private static final String APP_ID = "wx0123456789abcdef";
    private static final String TOKEN = "ACCESS-TOKEN-0123456789";

    private final JsonMapper json = JsonMapper.builder().build();
    private final FakeWeChat wechat = new FakeWeChat();
    private final DraftApi drafts =
            WeChatClient.create(WeChatClientConfig.of(wechat.baseUrl())).drafts();

    @AfterEach
    void stop() {
        wechat.close();
    }

    private static Article article(String title) {
        return new Article(title, "编辑部", null, "<p>hi</p>", null, "THUMB", true, null);
    }

    @Test
    void aDraftIsSentInWeChatsSpellingAndAnswersItsMediaId() {
        wechat.answer("{\"media_id\":\"DRAFT1\"}");

        assertThat(drafts.add(APP_ID, TOKEN, List.of(article("春季新品"))).block()).isEqualTo("DRAFT1");

        JsonNode sent =
                json.readTree(wechat.lastRequest().body()).path("articles").path(0);
        assertThat(sent.path("title").asString()).isEqualTo("春季新品");
        assertThat(sent.path("thumb_media_id").asString()).isEqualTo("THUMB");
        assertThat(sent.path("need_open_comment").asInt()).isEqualTo(1);
        assertThat(sent.path("only_fans_can_comment").asInt()).isEqualTo(0);
        assertThat(sent.has("digest")).isFalse();
    }

    @Test
    void draftsBreakingWeChatsLimitsAreNeverSent() {
        // 32 characters are fine even when each is three bytes; 33 are not.
        assertThat(DraftApi.violations(List.of(article("标".repeat(32))))).isEmpty();
        assertThat(DraftApi.violations(List.of(
                        new Article("标".repeat(33), "a".repeat(17), "d".repeat(129), null, null, null, null, null))))
                .containsOnlyKeys(
                        "articles[0].title",
                        "articles[0].author",
                        "articles[0].digest",
                        "articles[0].content",
                        "articles[0].thumbMediaId");
        assertThat(DraftApi.violations(List.of())).containsOnlyKeys("articles");
        assertThatThrownBy(() -> drafts.add(APP_ID, TOKEN, List.of()).block()).isInstanceOf(WeChatLimitException.class);
        assertThat(wechat.requests()).isEmpty();
    }

    @Test
    void articleLinksOutsideWeChatAreRefusedBeforeTheCall() {
        // wechat-protocol.md §7: WeChat answers 45166 for article HTML linking elsewhere.
        Article external = new Article(
                "t", null, null, "<p><a href=\"https://shop.example.com/x\">shop</a></p>", null, "THUMB", null, null);
        Article internal = new Article(
                "t",
                null,
                null,
                "<p><a target='_blank' href='https://mp.weixin.qq.com/s/abc'>older post</a></p>",
                "https://shop.example.com/x",
                "THUMB",
                null,
                null);

        assertThat(DraftApi.violations(List.of(external)))
                .containsOnlyKeys("articles[0].content")
                .hasValueSatisfying(new org.assertj.core.api.Condition<>(
                        error -> error.contains("45166") && error.contains("shop.example.com"), "names the link"));
        assertThat(DraftApi.violations(List.of(internal))).isEmpty();
        assertThatThrownBy(() -> drafts.add(APP_ID, TOKEN, List.of(external)).block())
                .isInstanceOf(WeChatLimitException.class);
        assertThat(wechat.requests()).isEmpty();
    }

    @Test
    void aPublishJobIsFollowedByItsStatus() {
        wechat.answer("{\"errcode\":0,\"errmsg\":\"ok\",\"publish_id\":\"100000001\",\"msg_data_id\":2247483801}");
        assertThat(drafts.publish(APP_ID, TOKEN, "DRAFT1").block())
                .isEqualTo(new Publication("100000001", Publication.PUBLISHING, null));

        wechat.answer("{\"publish_id\":\"100000001\",\"publish_status\":0,\"article_id\":\"ARTICLE1\"}");
        Publication done = drafts.publication(APP_ID, TOKEN, "100000001").block();

        assertThat(done).isEqualTo(new Publication("100000001", Publication.PUBLISHED, "ARTICLE1"));
        assertThat(done.finished()).isTrue();
    }

    @Test
    void publishedArticlesAreReadWithTheirUrls() {
        wechat.answer("{\"total_count\":3,\"item_count\":1,\"item\":[{\"article_id\":\"ARTICLE1\","
                + "\"content\":{\"news_item\":[{\"title\":\"春季新品\",\"thumb_media_id\":\"THUMB\","
                + "\"url\":\"https://mp.weixin.qq.com/s/x\",\"is_deleted\":false}]},\"update_time\":1700000000}]}");

        PublishedArticle.Page page = drafts.published(APP_ID, TOKEN, 0, 1, true).block();

        assertThat(page.total()).isEqualTo(3);
        PublishedArticle first = page.items().get(0);
        assertThat(first.articleId()).isEqualTo("ARTICLE1");
        assertThat(first.items().get(0).article().title()).isEqualTo("春季新品");
        assertThat(first.items().get(0).url()).isEqualTo("https://mp.weixin.qq.com/s/x");
        assertThat(wechat.lastRequest().uri()).contains("/cgi-bin/freepublish/batchget");
        assertThat(json.readTree(wechat.lastRequest().body()).path("no_content").asInt())
                .isEqualTo(1);

        wechat.answer("{\"news_item\":[{\"title\":\"T\",\"url\":\"U\",\"is_deleted\":true}]}");
        PublishedArticle one =
                drafts.publishedArticle(APP_ID, TOKEN, "ARTICLE1").block();

        assertThat(one.items()).hasSize(1);
        assertThat(one.items().get(0).deleted()).isTrue();
        assertThatThrownBy(() -> drafts.published(APP_ID, TOKEN, 0, 21, false).block())
                .isInstanceOf(WeChatLimitException.class);
    }
}
