package io.wxplatform.wechat.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code wechat.agents()} against a real HTTP server standing in for WeChat. */
class AgentApiTest {

    private static final String APP_ID = "wx0123456789abcdef";
    private static final String TOKEN = "ACCESS-TOKEN-0123456789";

    private final JsonMapper json = JsonMapper.builder().build();
    private final FakeWeChat wechat = new FakeWeChat();
    private final AgentApi agents =
            WeChatClient.create(WeChatClientConfig.of(wechat.baseUrl())).agents();

    @AfterEach
    void stop() {
        wechat.close();
    }

    @Test
    void agentsAreAddedOutsideCgiBinAndDeletedByQuery() {
        agents.add(APP_ID, TOKEN, "alice@shop", "Alice").block();
        JsonNode body = json.readTree(wechat.lastRequest().body());
        assertThat(wechat.lastRequest().uri()).isEqualTo("/customservice/kfaccount/add?access_token=" + TOKEN);
        assertThat(body.path("kf_account").asString()).isEqualTo("alice@shop");
        assertThat(body.path("nickname").asString()).isEqualTo("Alice");

        agents.delete(APP_ID, TOKEN, "alice@shop").block();
        assertThat(wechat.lastRequest().method()).isEqualTo("GET");
        assertThat(wechat.lastRequest().uri())
                .startsWith("/customservice/kfaccount/del?")
                .contains("kf_account=alice%40shop");
    }

    @Test
    void theListReadsWeChatsFields() {
        wechat.answer("{\"kf_list\":[{\"kf_account\":\"alice@shop\",\"kf_headimgurl\":\"http://h\",\"kf_id\":\"1001\","
                + "\"kf_nick\":\"Alice\",\"kf_wx\":\"alice_wx\"},{\"kf_account\":\"bob@shop\",\"kf_id\":\"1002\","
                + "\"kf_nick\":\"Bob\",\"invite_wx\":\"bob_wx\",\"invite_expire_time\":123,"
                + "\"invite_status\":\"waiting\"}]}");

        assertThat(agents.list(APP_ID, TOKEN).block())
                .containsExactly(
                        new Agent("alice@shop", "Alice", "1001", "http://h", "alice_wx", null, null),
                        new Agent("bob@shop", "Bob", "1002", null, null, "bob_wx", "waiting"));
        assertThat(wechat.lastRequest().uri()).startsWith("/cgi-bin/customservice/getkflist?");
    }

    @Test
    void sessionsAndTheWaitingListCarryTheirTimes() {
        wechat.answer("{\"errcode\":0,\"errmsg\":\"ok\",\"kf_account\":\"\",\"createtime\":0}");
        assertThat(agents.session(APP_ID, TOKEN, "oF1").block()).isEqualTo(new AgentSession(null, "oF1", null));

        wechat.answer("{\"count\":1,\"waitcaselist\":[{\"latest_time\":1700000000,\"openid\":\"oF2\"}]}");
        assertThat(agents.waiting(APP_ID, TOKEN).block())
                .containsExactly(new AgentSession(null, "oF2", Instant.ofEpochSecond(1700000000)));
        assertThat(wechat.lastRequest().uri()).startsWith("/customservice/kfsession/getwaitcase?");
    }

    @Test
    void historyIsAskedByTimeRangeAndMsgIdAndAnswersTheNextMsgId() {
        wechat.answer("{\"recordlist\":[{\"openid\":\"oF1\",\"opercode\":2002,\"text\":\"hi\",\"time\":1700000000,"
                + "\"worker\":\"alice@shop\"}],\"number\":1,\"msgid\":20165267}");

        AgentMessagePage page = agents.messages(
                        APP_ID, TOKEN, Instant.ofEpochSecond(1699990000), Instant.ofEpochSecond(1700000000), 1, 10)
                .block();

        assertThat(page.messages())
                .isEqualTo(
                        List.of(new AgentMessage("oF1", 2002, "hi", "alice@shop", Instant.ofEpochSecond(1700000000))));
        assertThat(page.nextMsgId()).isEqualTo(20165267);
        JsonNode body = json.readTree(wechat.lastRequest().body());
        assertThat(body.path("starttime").asLong()).isEqualTo(1699990000);
        assertThat(body.path("endtime").asLong()).isEqualTo(1700000000);
        assertThat(body.path("msgid").asLong()).isEqualTo(1);
        assertThat(body.path("number").asInt()).isEqualTo(10);
    }
}
