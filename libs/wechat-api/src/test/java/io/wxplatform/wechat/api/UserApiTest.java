package io.wxplatform.wechat.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code wechat.users()} against a real HTTP server standing in for WeChat. */
class UserApiTest {

    private static final String APP_ID = "wx0123456789abcdef";
    private static final String TOKEN = "ACCESS-TOKEN-0123456789";

    private final JsonMapper json = JsonMapper.builder().build();
    private final FakeWeChat wechat = new FakeWeChat();
    private final UserApi users =
            WeChatClient.create(WeChatClientConfig.of(wechat.baseUrl())).users();

    @AfterEach
    void stop() {
        wechat.close();
    }

    @Test
    void aPageOfFollowersNamesWhereTheNextStarts() {
        wechat.answer("{\"total\":3,\"count\":2,\"data\":{\"openid\":[\"o1\",\"o2\"]},\"next_openid\":\"o2\"}");

        OpenIdPage page = users.list(APP_ID, TOKEN, "o0").block();

        assertThat(page.total()).isEqualTo(3);
        assertThat(page.openIds()).containsExactly("o1", "o2");
        assertThat(page.nextOpenId()).isEqualTo("o2");
        assertThat(page.last()).isFalse();
        assertThat(wechat.lastRequest().uri()).isEqualTo("/cgi-bin/user/get?access_token=" + TOKEN + "&next_openid=o0");
    }

    /** WeChat's last page has count 0, no data and an empty next_openid: it ends the paging, it is no error. */
    @Test
    void theEmptyLastPageIsTheLast() {
        wechat.answer("{\"total\":20000,\"count\":0,\"next_openid\":\"\"}");

        OpenIdPage page = users.list(APP_ID, TOKEN, null).block();

        assertThat(page.openIds()).isEmpty();
        assertThat(page.last()).isTrue();
        assertThat(page.total()).isEqualTo(20000);
    }

    @Test
    void aFullPageOfTenThousandOpenIdsIsRead() {
        String ids = IntStream.range(0, 10_000)
                .mapToObj(i -> "\"" + String.format("o%027d", i) + "\"")
                .collect(Collectors.joining(","));
        wechat.answer("{\"total\":25000,\"count\":10000,\"data\":{\"openid\":[" + ids + "]}," + "\"next_openid\":\""
                + String.format("o%027d", 9_999) + "\"}");

        OpenIdPage page = users.list(APP_ID, TOKEN, "").block();

        assertThat(page.openIds()).hasSize(10_000);
        assertThat(page.last()).isFalse();
    }

    @Test
    void batchGetAsksForEachOpenIdAndReadsOnlyWhatWeChatStillReturns() {
        wechat.answer("""
                {"user_info_list":[
                  {"subscribe":1,"openid":"o1","subscribe_time":1700000000,"unionid":"u1","remark":"vip",
                   "groupid":0,"tagid_list":[100,101],"subscribe_scene":"ADD_SCENE_QR_CODE","qr_scene":98765,
                   "qr_scene_str":"","nickname":"","sex":0},
                  {"subscribe":0,"openid":"o2"}]}""");

        List<UserInfo> infos =
                users.batchGet(APP_ID, TOKEN, List.of("o1", "o2")).block();

        assertThat(infos)
                .containsExactly(
                        new UserInfo(
                                "o1",
                                true,
                                Instant.ofEpochSecond(1700000000),
                                "u1",
                                "vip",
                                List.of(100, 101),
                                "ADD_SCENE_QR_CODE",
                                98765,
                                ""),
                        new UserInfo("o2", false, null, null, null, List.of(), null, 0, ""));
        JsonNode body = json.readTree(wechat.lastRequest().body());
        assertThat(body.path("user_list").size()).isEqualTo(2);
        assertThat(body.path("user_list").get(1).path("openid").asString()).isEqualTo("o2");
        assertThat(wechat.lastRequest().uri()).isEqualTo("/cgi-bin/user/info/batchget?access_token=" + TOKEN);
    }

    @Test
    void batchGetOfMoreThanAHundredIsRefusedBeforeAnyCall() {
        List<String> openIds = IntStream.range(0, 101).mapToObj(i -> "o" + i).toList();

        assertThatThrownBy(() -> users.batchGet(APP_ID, TOKEN, openIds).block())
                .isInstanceOfSatisfying(WeChatLimitException.class, refused -> {
                    assertThat(refused.getStatusCode().value()).isEqualTo(400);
                    assertThat(refused.limit()).isEqualTo("batchget");
                });
        assertThat(wechat.requests()).isEmpty();
    }

    @Test
    void oneFollowersInfo() {
        wechat.answer("{\"subscribe\":1,\"openid\":\"o1\",\"subscribe_time\":1700000000,\"tagid_list\":[]}");

        UserInfo info = users.info(APP_ID, TOKEN, "o1").block();

        assertThat(info.subscribed()).isTrue();
        assertThat(wechat.lastRequest().uri())
                .isEqualTo("/cgi-bin/user/info?access_token=" + TOKEN + "&openid=o1&lang=zh_CN");
    }

    @Test
    void aRemarkIsPostedAndOneTooLongIsRefusedBeforeTheCall() {
        users.updateRemark(APP_ID, TOKEN, "o1", "our best customer").block();

        JsonNode body = json.readTree(wechat.lastRequest().body());
        assertThat(body.path("openid").asString()).isEqualTo("o1");
        assertThat(body.path("remark").asString()).isEqualTo("our best customer");

        assertThatThrownBy(() ->
                        users.updateRemark(APP_ID, TOKEN, "o1", "x".repeat(31)).block())
                .isInstanceOf(WeChatLimitException.class);
        assertThat(wechat.requests()).hasSize(1);
    }

    @Test
    void anInvalidOpenIdIsAWeChatErrorThatNamesNoToken() {
        wechat.answer("{\"errcode\":40003,\"errmsg\":\"invalid openid\"}");

        assertThatThrownBy(() -> users.info(APP_ID, TOKEN, "bad").block())
                .isInstanceOfSatisfying(WeChatApiException.class, error -> {
                    assertThat(error.errcode()).isEqualTo(40003);
                    assertThat(error.category()).isEqualTo(ErrorCategory.INVALID_REQUEST);
                    assertThat(error.getMessage()).doesNotContain(TOKEN);
                });
    }
}
