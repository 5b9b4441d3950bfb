package io.wxplatform.wechat.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code wechat.tags()} against a real HTTP server standing in for WeChat. */
class TagApiTest {

    private static final String APP_ID = "wx0123456789abcdef";
    private static final String TOKEN = "ACCESS-TOKEN-0123456789";

    private final JsonMapper json = JsonMapper.builder().build();
    private final FakeWeChat wechat = new FakeWeChat();
    private final TagApi tags =
            WeChatClient.create(WeChatClientConfig.of(wechat.baseUrl())).tags();

    @AfterEach
    void stop() {
        wechat.close();
    }

    @Test
    void aCreatedTagHasWeChatsId() {
        wechat.answer("{\"tag\":{\"id\":134,\"name\":\"Guangdong\"}}");

        Tag tag = tags.create(APP_ID, TOKEN, "Guangdong").block();

        assertThat(tag).isEqualTo(new Tag(134, "Guangdong", 0));
        assertThat(wechat.lastRequest().uri()).isEqualTo("/cgi-bin/tags/create?access_token=" + TOKEN);
        assertThat(json.readTree(wechat.lastRequest().body())
                        .path("tag")
                        .path("name")
                        .asString())
                .isEqualTo("Guangdong");
    }

    @Test
    void theListCarriesEachTagsFollowerCount() {
        wechat.answer("{\"tags\":[{\"id\":1,\"name\":\"Star\",\"count\":0},{\"id\":134,\"name\":\"VIP\","
                + "\"count\":120}]}");

        assertThat(tags.list(APP_ID, TOKEN).block()).containsExactly(new Tag(1, "Star", 0), new Tag(134, "VIP", 120));
    }

    @Test
    void taggingPostsTheOpenIdsAndTheTag() {
        tags.tag(APP_ID, TOKEN, 134, List.of("o1", "o2")).block();

        JsonNode body = json.readTree(wechat.lastRequest().body());
        assertThat(wechat.lastRequest().uri()).startsWith("/cgi-bin/tags/members/batchtagging?");
        assertThat(body.path("tagid").asInt()).isEqualTo(134);
        assertThat(body.path("openid_list").size()).isEqualTo(2);
    }

    @Test
    void taggingMoreThanFiftyOrNoneIsRefusedBeforeAnyCall() {
        List<String> fiftyOne = IntStream.range(0, 51).mapToObj(i -> "o" + i).toList();

        assertThatThrownBy(() -> tags.tag(APP_ID, TOKEN, 134, fiftyOne).block())
                .isInstanceOf(WeChatLimitException.class)
                .hasMessageContaining("50");
        assertThatThrownBy(() -> tags.untag(APP_ID, TOKEN, 134, List.of()).block())
                .isInstanceOf(WeChatLimitException.class);
        assertThat(wechat.requests()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2})
    void weChatsReservedTagsAreNeitherRenamedNorDeletedNorTagged(int reserved) {
        assertThatThrownBy(() -> tags.rename(APP_ID, TOKEN, reserved, "mine").block())
                .isInstanceOf(WeChatLimitException.class)
                .hasMessageContaining("reserved");
        assertThatThrownBy(() -> tags.delete(APP_ID, TOKEN, reserved).block()).isInstanceOf(WeChatLimitException.class);
        assertThatThrownBy(
                        () -> tags.tag(APP_ID, TOKEN, reserved, List.of("o1")).block())
                .isInstanceOf(WeChatLimitException.class);
        assertThat(wechat.requests()).isEmpty();
    }

    @Test
    void aTagNameOverThirtyCharactersIsRefusedBeforeTheCall() {
        assertThatThrownBy(() -> tags.create(APP_ID, TOKEN, "x".repeat(31)).block())
                .isInstanceOf(WeChatLimitException.class);
        assertThat(wechat.requests()).isEmpty();
    }

    @Test
    void deletingABigTagIsWeChatsRefusal() {
        wechat.answer("{\"errcode\":45057,\"errmsg\":\"can't delete the tag that has too many fans\"}");

        assertThatThrownBy(() -> tags.delete(APP_ID, TOKEN, 134).block())
                .isInstanceOfSatisfying(
                        WeChatApiException.class, e -> assertThat(e.errcode()).isEqualTo(45057));
        assertThat(json.readTree(wechat.lastRequest().body())
                        .path("tag")
                        .path("id")
                        .asInt())
                .isEqualTo(134);
    }

    @Test
    void aFollowersTagsAndATagsFollowers() {
        wechat.answer("{\"tagid_list\":[134,2]}");
        assertThat(tags.tagsOf(APP_ID, TOKEN, "o1").block()).containsExactly(134, 2);

        wechat.answer("{\"count\":1,\"data\":{\"openid\":[\"o1\"]},\"next_openid\":\"o1\"}");
        OpenIdPage page = tags.followers(APP_ID, TOKEN, 134, "").block();
        assertThat(page.openIds()).containsExactly("o1");
        assertThat(json.readTree(wechat.lastRequest().body()).path("tagid").asInt())
                .isEqualTo(134);
    }

    @Test
    void theBlacklistPagesAndChangesInTwenties() {
        wechat.answer("{\"total\":1,\"count\":1,\"data\":{\"openid\":[\"o9\"]},\"next_openid\":\"o9\"}");
        assertThat(tags.blacklist(APP_ID, TOKEN, null).block().openIds()).containsExactly("o9");
        assertThat(json.readTree(wechat.lastRequest().body())
                        .path("begin_openid")
                        .asString())
                .isEmpty();

        wechat.answer("{\"errcode\":0,\"errmsg\":\"ok\"}");
        tags.block(APP_ID, TOKEN, List.of("o9")).block();
        assertThat(wechat.lastRequest().uri()).startsWith("/cgi-bin/tags/members/batchblacklist?");
        tags.unblock(APP_ID, TOKEN, List.of("o9")).block();
        assertThat(wechat.lastRequest().uri()).startsWith("/cgi-bin/tags/members/batchunblacklist?");

        List<String> many = IntStream.range(0, 21).mapToObj(i -> "o" + i).toList();
        assertThatThrownBy(() -> tags.block(APP_ID, TOKEN, many).block()).isInstanceOf(WeChatLimitException.class);
        assertThat(wechat.requests()).hasSize(3);
    }
}
