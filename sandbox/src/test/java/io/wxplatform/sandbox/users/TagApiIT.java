package io.wxplatform.sandbox.users;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxplatform.sandbox.SandboxITSupport;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Tags and the blacklist with WeChat's limits and error codes (wechat-protocol.md §3). */
class TagApiIT extends SandboxITSupport {

    private String token;

    @BeforeEach
    void account() {
        createAccount();
        token = accessToken();
    }

    @Test
    void aTagIsCreatedTaggedCountedRenamedAndDeleted() {
        generate(3, "oTag");
        int id = create("VIP");
        assertThat(id).isGreaterThanOrEqualTo(100);

        assertThat(errcode(call(
                        "tags/members/batchtagging",
                        Map.of("tagid", id, "openid_list", List.of(openId("oTag", 0), openId("oTag", 1))))))
                .isEqualTo(0);
        assertThat(tags())
                .anySatisfy(tag -> assertThat(tag).containsEntry("id", id).containsEntry("count", 2));
        assertThat(call("tags/getidlist", Map.of("openid", openId("oTag", 0))))
                .containsEntry("tagid_list", List.of(id));
        Map<String, Object> members = call("user/tag/get", Map.of("tagid", id, "next_openid", ""));
        assertThat(UserApiIT.openIds(members)).containsExactly(openId("oTag", 0), openId("oTag", 1));

        call("tags/members/batchuntagging", Map.of("tagid", id, "openid_list", List.of(openId("oTag", 1))));
        assertThat(errcode(call("tags/update", Map.of("tag", Map.of("id", id, "name", "Gold")))))
                .isEqualTo(0);
        assertThat(tags())
                .anySatisfy(tag -> assertThat(tag).containsEntry("name", "Gold").containsEntry("count", 1));

        assertThat(errcode(call("tags/delete", Map.of("tag", Map.of("id", id)))))
                .isEqualTo(0);
        assertThat(tags()).noneSatisfy(tag -> assertThat(tag).containsEntry("id", id));
        assertThat(call("tags/getidlist", Map.of("openid", openId("oTag", 0)))).containsEntry("tagid_list", List.of());
    }

    @Test
    void weChatsReservedTagsCannotBeChanged() {
        for (int reserved : List.of(0, 1, 2)) {
            assertThat(errcode(call("tags/update", Map.of("tag", Map.of("id", reserved, "name", "x")))))
                    .isEqualTo(45058);
            assertThat(errcode(call("tags/delete", Map.of("tag", Map.of("id", reserved)))))
                    .isEqualTo(45058);
        }
    }

    @Test
    void aHundredTagsIsTheMostAndNamesAreUniqueAndShort() {
        // The star tag (2) is one of the hundred.
        IntStream.range(0, 99).forEach(i -> create("t" + i));
        assertThat(errcode(call("tags/create", Map.of("tag", Map.of("name", "one more")))))
                .isEqualTo(45056);
        http.post().uri("/sandbox/reset").exchange().expectStatus().isNoContent();
        createAccount();
        token = accessToken();

        create("dup");
        assertThat(errcode(call("tags/create", Map.of("tag", Map.of("name", "dup")))))
                .isEqualTo(45157);
        assertThat(errcode(call("tags/create", Map.of("tag", Map.of("name", "x".repeat(31))))))
                .isEqualTo(45158);
    }

    @Test
    void taggingTakesAtMostFiftyFollowersOfTheAccountEachWithAtMostTwentyTags() {
        generate(51, "oLim");
        int id = create("many");
        List<String> fiftyOne =
                IntStream.range(0, 51).mapToObj(i -> openId("oLim", i)).toList();

        assertThat(errcode(call("tags/members/batchtagging", Map.of("tagid", id, "openid_list", fiftyOne))))
                .isEqualTo(40032);
        assertThat(errcode(call("tags/members/batchtagging", Map.of("tagid", id, "openid_list", List.of("oStranger")))))
                .isEqualTo(40003);
        assertThat(errcode(call(
                        "tags/members/batchtagging",
                        Map.of("tagid", 99999, "openid_list", List.of(openId("oLim", 0))))))
                .isEqualTo(45159);

        for (int i = 0; i < 20; i++) {
            call(
                    "tags/members/batchtagging",
                    Map.of("tagid", create("tag" + i), "openid_list", List.of(openId("oLim", 0))));
        }
        assertThat(errcode(call(
                        "tags/members/batchtagging",
                        Map.of("tagid", id, "openid_list", List.of(openId("oLim", 1), openId("oLim", 0))))))
                .isEqualTo(45059);
        assertThat(call("user/tag/get", Map.of("tagid", id))).containsEntry("count", 0);
    }

    @Test
    void aTagWithMoreThanAHundredThousandFollowersCannotBeDeleted() {
        int id = create("crowd");
        http.post()
                .uri("/sandbox/accounts/{a}/followers/bulk", APP_ID)
                .bodyValue(Map.of("count", 100_001, "openIdPrefix", "oCrowd", "tagIds", List.of(id)))
                .exchange()
                .expectStatus()
                .isCreated();

        assertThat(errcode(call("tags/delete", Map.of("tag", Map.of("id", id)))))
                .isEqualTo(45057);
    }

    @Test
    void theBlacklistTakesTwentyAtATimeAndPages() {
        generate(21, "oBlack");
        List<String> twentyOne =
                IntStream.range(0, 21).mapToObj(i -> openId("oBlack", i)).toList();

        assertThat(errcode(call("tags/members/batchblacklist", Map.of("openid_list", twentyOne))))
                .isEqualTo(40032);
        assertThat(errcode(call("tags/members/batchblacklist", Map.of("openid_list", twentyOne.subList(0, 2)))))
                .isEqualTo(0);
        Map<String, Object> page = call("tags/members/getblacklist", Map.of("begin_openid", ""));
        assertThat(page).containsEntry("total", 2).containsEntry("next_openid", openId("oBlack", 1));
        assertThat(UserApiIT.openIds(page)).containsExactly(openId("oBlack", 0), openId("oBlack", 1));
        assertThat(call("tags/members/getblacklist", Map.of("begin_openid", openId("oBlack", 1))))
                .containsEntry("count", 0)
                .containsEntry("next_openid", "");

        call("tags/members/batchunblacklist", Map.of("openid_list", List.of(openId("oBlack", 0))));
        assertThat(call("tags/members/getblacklist", Map.of())).containsEntry("total", 1);
    }

    private int create(String name) {
        Map<String, Object> created = call("tags/create", Map.of("tag", Map.of("name", name)));
        assertThat(created).doesNotContainKey("errcode");
        return (Integer) ((Map<?, ?>) created.get("tag")).get("id");
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> tags() {
        return (List<Map<String, Object>>)
                getJson("/cgi-bin/tags/get?access_token={t}", token).get("tags");
    }

    private Map<String, Object> call(String api, Map<String, ?> body) {
        return postJson("/cgi-bin/" + api + "?access_token=" + token, body);
    }

    private void generate(int count, String prefix) {
        http.post()
                .uri("/sandbox/accounts/{a}/followers/bulk", APP_ID)
                .bodyValue(Map.of("count", count, "openIdPrefix", prefix))
                .exchange()
                .expectStatus()
                .isCreated();
    }

    private static String openId(String prefix, int index) {
        return String.format("%s%0" + (28 - prefix.length()) + "d", prefix, index);
    }
}
