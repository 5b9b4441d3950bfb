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
    void aPublishJobIsFollowedByItsStatus() {
        wechat.answer("{\"errcode\":0,\"errmsg\":\"ok\",\"publish_id\":\"100000001\",\"msg_data_id\":2247483801}");
        assertThat(drafts.publish(APP_ID, TOKEN, "DRAFT1").block())
                .isEqualTo(new Publication("100000001", Publication.PUBLISHING, null));

        wechat.answer("{\"publish_id\":\"100000001\",\"publish_status\":0,\"article_id\":\"ARTICLE1\"}");
        Publication done = drafts.publication(APP_ID, TOKEN, "100000001").block();

        assertThat(done).isEqualTo(new Publication("100000001", Publication.PUBLISHED, "ARTICLE1"));
        assertThat(done.finished()).isTrue();
    }
}
