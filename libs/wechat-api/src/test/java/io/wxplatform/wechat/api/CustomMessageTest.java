package io.wxplatform.wechat.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** Each customer-service message kind and the typing indicator, as WeChat's JSON on the wire. */
class CustomMessageTest {

    private static final String APP_ID = "wx0123456789abcdef";
    private static final String TOKEN = "ACCESS-TOKEN-0123456789-abcdefghijklmnopqrstuvwxyz";

    private final JsonMapper json = JsonMapper.builder().build();
    private final FakeWeChat wechat = new FakeWeChat();
    private final WeChatClient client = WeChatClient.create(WeChatClientConfig.of(wechat.baseUrl()));

    @AfterEach
    void stop() {
        wechat.close();
    }

    @Test
    void videoCarriesItsThumbAndLeavesOutWhatIsNotGiven() {
        assertSent(
                new CustomMessage.Video("o1", "M", "T", "A title", null),
                "{\"touser\":\"o1\",\"msgtype\":\"video\",\"video\":{\"media_id\":\"M\",\"thumb_media_id\":\"T\","
                        + "\"title\":\"A title\"}}");
    }

    @Test
    void musicUsesWeChatsLowerCaseUrlNames() {
        assertSent(
                new CustomMessage.Music("o1", "Song", "desc", "http://m", "http://hq", "T"),
                "{\"touser\":\"o1\",\"msgtype\":\"music\",\"music\":{\"title\":\"Song\",\"description\":\"desc\","
                        + "\"musicurl\":\"http://m\",\"hqmusicurl\":\"http://hq\",\"thumb_media_id\":\"T\"}}");
    }

    @Test
    void newsIsOneArticle() {
        assertSent(
                new CustomMessage.News("o1", "Title", "Desc", "https://example.com/a?b=1&c=2", "https://p"),
                "{\"touser\":\"o1\",\"msgtype\":\"news\",\"news\":{\"articles\":[{\"title\":\"Title\","
                        + "\"description\":\"Desc\",\"url\":\"https://example.com/a?b=1&c=2\","
                        + "\"picurl\":\"https://p\"}]}}");
        assertThat(wechat.lastRequest().body()).contains("a?b=1&c=2");
    }

    @Test
    void mpnewsAndMiniProgramPage() {
        assertSent(
                new CustomMessage.MpNews("o1", "DRAFT"),
                "{\"touser\":\"o1\",\"msgtype\":\"mpnews\",\"mpnews\":{\"media_id\":\"DRAFT\"}}");
        assertSent(
                new CustomMessage.MiniProgramPage("o1", "Shop", "wxmini", "pages/index", "T"),
                "{\"touser\":\"o1\",\"msgtype\":\"miniprogrampage\",\"miniprogrampage\":{\"title\":\"Shop\","
                        + "\"appid\":\"wxmini\",\"pagepath\":\"pages/index\",\"thumb_media_id\":\"T\"}}");
    }

    @Test
    void msgmenuListsItsChoicesInOrder() {
        assertSent(
                new CustomMessage.MsgMenu(
                        "o1",
                        "How was it?",
                        List.of(new CustomMessage.MenuItem("101", "Good"), new CustomMessage.MenuItem("102", "Bad")),
                        "Thanks"),
                "{\"touser\":\"o1\",\"msgtype\":\"msgmenu\",\"msgmenu\":{\"head_content\":\"How was it?\","
                        + "\"tail_content\":\"Thanks\",\"list\":[{\"id\":\"101\",\"content\":\"Good\"},"
                        + "{\"id\":\"102\",\"content\":\"Bad\"}]}}");
    }

    @Test
    void typingAndCancelTypingAreCommandsToTheFollower() {
        client.messages().typing(APP_ID, TOKEN, "o1", true).block();
        assertThat(wechat.lastRequest().uri()).isEqualTo("/cgi-bin/message/custom/typing?access_token=" + TOKEN);
        assertThat(json.readTree(wechat.lastRequest().body()))
                .isEqualTo(json.readTree("{\"touser\":\"o1\",\"command\":\"Typing\"}"));

        client.messages().typing(APP_ID, TOKEN, "o1", false).block();
        assertThat(json.readTree(wechat.lastRequest().body()))
                .isEqualTo(json.readTree("{\"touser\":\"o1\",\"command\":\"CancelTyping\"}"));
    }

    private void assertSent(CustomMessage message, String expectedJson) {
        client.messages().sendCustom(APP_ID, TOKEN, message).block();
        assertThat(json.readTree(wechat.lastRequest().body())).isEqualTo(json.readTree(expectedJson));
    }
}
