package io.wxplatform.sandbox.users;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxplatform.sandbox.SandboxITSupport;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The follower list, user info, batchget and remarks as WeChat serves them (wechat-protocol.md §3). */
class UserApiIT extends SandboxITSupport {

    private String token;

    @BeforeEach
    void account() {
        // A page of 10,000 openids is ~320 kB, past WebClient's default 256 kB.
        http = http.mutate()
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(4 * 1024 * 1024))
                .build();
        createAccount();
        token = accessToken();
    }

    @Test
    void pagingPastTenThousandReachesEveryFollowerAndEndsOnAnEmptyPage() {
        generate(25_000, "oSync");

        Set<String> seen = new HashSet<>();
        List<Integer> counts = new ArrayList<>();
        String next = "";
        while (true) {
            Map<String, Object> page = getJson("/cgi-bin/user/get?access_token={t}&next_openid={n}", token, next);
            assertThat(page).containsEntry("total", 25_000);
            counts.add((Integer) page.get("count"));
            if ((Integer) page.get("count") == 0) {
                assertThat(page).containsEntry("next_openid", "").doesNotContainKey("data");
                break;
            }
            seen.addAll(openIds(page));
            next = (String) page.get("next_openid");
        }

        assertThat(counts).containsExactly(10_000, 10_000, 5_000, 0);
        assertThat(seen).hasSize(25_000);
    }

    @Test
    void anUnsubscribedFollowerIsNotListedAndHasOnlyItsOpenId() {
        generate(3, "oList");
        String leaving = "oList" + "0".repeat(22) + "1";
        postJson("/sandbox/accounts/" + APP_ID + "/followers/" + leaving + "/events", Map.of("event", "unsubscribe"));

        Map<String, Object> page = getJson("/cgi-bin/user/get?access_token={t}", token);
        assertThat(page).containsEntry("total", 2);
        assertThat(openIds(page)).doesNotContain(leaving);

        Map<String, Object> info = getJson("/cgi-bin/user/info?access_token={t}&openid={o}", token, leaving);
        assertThat(info).containsOnlyKeys("subscribe", "openid").containsEntry("subscribe", 0);
    }

    @Test
    void infoHoldsWhatWeChatStillReturnsAndNoNickname() {
        http.post()
                .uri("/sandbox/accounts/{a}/followers/bulk", APP_ID)
                .bodyValue(Map.of(
                        "count", 1, "openIdPrefix", "oQr", "subscribeScene", "ADD_SCENE_QR_CODE", "qrScene", 98765))
                .exchange()
                .expectStatus()
                .isCreated();
        String openId = "oQr" + "0".repeat(25);

        Map<String, Object> info = getJson("/cgi-bin/user/info?access_token={t}&openid={o}", token, openId);

        assertThat(info)
                .containsEntry("subscribe", 1)
                .containsEntry("subscribe_scene", "ADD_SCENE_QR_CODE")
                .containsEntry("qr_scene", 98765)
                .containsEntry("remark", "")
                .containsKey("subscribe_time")
                .containsEntry("tagid_list", List.of())
                .doesNotContainKeys("nickname", "headimgurl", "sex", "city", "language");
    }

    @Test
    void batchGetTakesAtMostAHundredFollowersOfTheAccount() {
        generate(101, "oBatch");
        List<Map<String, String>> hundred = IntStream.range(0, 100)
                .mapToObj(i -> Map.of("openid", String.format("oBatch%022d", i), "lang", "zh_CN"))
                .toList();

        Map<String, Object> answer =
                postJson("/cgi-bin/user/info/batchget?access_token=" + token, Map.of("user_list", hundred));
        assertThat((List<?>) answer.get("user_info_list")).hasSize(100);

        List<Map<String, String>> more = new ArrayList<>(hundred);
        more.add(Map.of("openid", String.format("oBatch%022d", 100)));
        assertThat(errcode(postJson("/cgi-bin/user/info/batchget?access_token=" + token, Map.of("user_list", more))))
                .isEqualTo(40032);
        assertThat(errcode(postJson(
                        "/cgi-bin/user/info/batchget?access_token=" + token,
                        Map.of("user_list", List.of(Map.of("openid", "oStranger"))))))
                .isEqualTo(40003);
    }

    @Test
    void aRemarkIsKeptAndShownInInfo() {
        generate(1, "oRemark");
        String openId = "oRemark" + "0".repeat(21);

        assertThat(errcode(postJson(
                        "/cgi-bin/user/info/updateremark?access_token=" + token,
                        Map.of("openid", openId, "remark", "gold"))))
                .isEqualTo(0);

        assertThat(getJson("/cgi-bin/user/info?access_token={t}&openid={o}", token, openId))
                .containsEntry("remark", "gold");
        assertThat(errcode(postJson(
                        "/cgi-bin/user/info/updateremark?access_token=" + token,
                        Map.of("openid", "oStranger", "remark", "x"))))
                .isEqualTo(40003);
    }

    @Test
    void anUnverifiedAccountMayNotReadItsFollowers() {
        Map<String, Object> unverified = account(APP_ID);
        unverified.put("verified", false);
        createAccount(unverified);

        assertThat(errcode(getJson("/cgi-bin/user/get?access_token={t}", token)))
                .isEqualTo(48001);
    }

    @Test
    void everyCallIsInTheAccountsApiCallLog() {
        getJson("/cgi-bin/user/get?access_token={t}", token);

        List<?> calls = http.get()
                .uri("/sandbox/accounts/{a}/api-calls", APP_ID)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(List.class)
                .returnResult()
                .getResponseBody();
        assertThat(calls)
                .anySatisfy(call -> assertThat(((Map<?, ?>) call).get("api")).isEqualTo("user/get"));
    }

    private void generate(int count, String prefix) {
        http.post()
                .uri("/sandbox/accounts/{a}/followers/bulk", APP_ID)
                .bodyValue(Map.of("count", count, "openIdPrefix", prefix))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody()
                .jsonPath("$.created")
                .isEqualTo(count);
    }

    @SuppressWarnings("unchecked")
    static List<String> openIds(Map<String, Object> page) {
        return (List<String>) ((Map<String, Object>) page.get("data")).get("openid");
    }
}
