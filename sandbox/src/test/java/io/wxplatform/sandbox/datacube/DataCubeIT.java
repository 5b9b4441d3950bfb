package io.wxplatform.sandbox.datacube;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxplatform.sandbox.SandboxITSupport;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The follower figures WeChat's datacube serves, computed from the followers' subscribe and unsubscribe history. */
class DataCubeIT extends SandboxITSupport {

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private String token;
    private LocalDate today;

    @BeforeEach
    void account() {
        createAccount();
        token = accessToken();
        today = LocalDate.ofInstant(
                Instant.parse((String) getJson("/sandbox/clock").get("now")), CHINA);
    }

    @Test
    void aDaysNewAndLostFollowersPerChannelAndTheRunningTotalFollowTheHistory() {
        LocalDate fiveDaysAgo = today.minusDays(5);
        LocalDate threeDaysAgo = today.minusDays(3);
        bulk(Map.of(
                "count",
                10,
                "openIdPrefix",
                "oQr",
                "subscribeScene",
                "ADD_SCENE_QR_CODE",
                "subscribedAt",
                noon(fiveDaysAgo)));
        bulk(Map.of(
                "count",
                3,
                "openIdPrefix",
                "oGone",
                "subscribedAt",
                noon(fiveDaysAgo),
                "unsubscribedAt",
                noon(threeDaysAgo)));
        String leaver = "oQr" + "0".repeat(25);
        postJson("/sandbox/accounts/" + APP_ID + "/followers/" + leaver + "/events", Map.of("event", "unsubscribe"));

        List<Map<String, Object>> summary = list("/datacube/getusersummary", fiveDaysAgo, threeDaysAgo);
        assertThat(summary)
                .contains(
                        row(fiveDaysAgo, 30, 10, 0),
                        row(fiveDaysAgo, 1, 3, 0),
                        row(fiveDaysAgo, 0, 0, 0),
                        row(today.minusDays(4), 0, 0, 0),
                        row(threeDaysAgo, 0, 0, 3))
                .hasSize(5);
        assertThat(list("/datacube/getusercumulate", today.minusDays(6), today.minusDays(1)))
                .extracting(day -> day.get("cumulate_user"))
                .containsExactly(0, 13, 13, 10, 10, 10);
        // Today's unsubscribe shows tomorrow.
        advanceClock(86_400);
        token = accessToken();
        assertThat(list("/datacube/getusercumulate", today, today))
                .containsExactly(Map.of("ref_date", today.toString(), "cumulate_user", 9));
    }

    @Test
    void weChatsDateErrorsForABadFormatAndARangeTooLongReversedOrNotYetOver() {
        Map<String, Object> format = postJson(
                "/datacube/getusersummary?access_token=" + token,
                Map.of("begin_date", "2026/01/01", "end_date", "2026-01-02"));
        assertThat(format).containsEntry("errcode", 61500);
        assertThat(error(today.minusDays(9), today.minusDays(2))).isEqualTo(61501);
        assertThat(error(today.minusDays(2), today.minusDays(3))).isEqualTo(61501);
        assertThat(error(today.minusDays(1), today)).isEqualTo(61501);
        assertThat(error(today.minusDays(8), today.minusDays(2))).isNull();
    }

    private Object error(LocalDate begin, LocalDate end) {
        return postJson(
                        "/datacube/getusercumulate?access_token=" + token,
                        Map.of("begin_date", begin.toString(), "end_date", end.toString()))
                .get("errcode");
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> list(String path, LocalDate begin, LocalDate end) {
        Map<String, Object> answer = postJson(
                path + "?access_token=" + token, Map.of("begin_date", begin.toString(), "end_date", end.toString()));
        assertThat(answer).doesNotContainKey("errcode");
        return (List<Map<String, Object>>) answer.get("list");
    }

    private static Map<String, Object> row(LocalDate day, int source, int newUsers, int cancelUsers) {
        return Map.of(
                "ref_date", day.toString(), "user_source", source, "new_user", newUsers, "cancel_user", cancelUsers);
    }

    private static String noon(LocalDate day) {
        return day.atTime(12, 0).atZone(CHINA).toInstant().toString();
    }

    private void bulk(Map<String, Object> request) {
        http.post()
                .uri("/sandbox/accounts/{a}/followers/bulk", APP_ID)
                .bodyValue(request)
                .exchange()
                .expectStatus()
                .isCreated();
    }
}
