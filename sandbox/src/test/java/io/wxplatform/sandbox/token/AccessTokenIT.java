package io.wxplatform.sandbox.token;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxplatform.sandbox.SandboxITSupport;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AccessTokenIT extends SandboxITSupport {

    @BeforeEach
    void account() {
        createAccount();
    }

    /** A token that passes the access_token check earns 40003 for an unknown follower; otherwise the token's error. */
    private int probe(String accessToken) {
        return (Integer) errcode(sendText(accessToken, "o-nobody", "hi"));
    }

    @Test
    void aTokenLastsSevenThousandTwoHundredSecondsThenIsExpired() {
        Map<String, Object> grant = fetchToken();
        String token = (String) grant.get("access_token");

        assertThat(grant).containsEntry("expires_in", 7200).doesNotContainKey("errcode");
        assertThat(token).hasSizeGreaterThanOrEqualTo(64);
        advanceClock(7199);
        assertThat(probe(token)).isEqualTo(40003);
        advanceClock(1);
        assertThat(probe(token)).isEqualTo(42001);
    }

    @Test
    void aNewFetchLeavesThePreviousTokenWorkingForFiveMinutesThenNotLatest() {
        String first = accessToken();
        String second = accessToken();

        assertThat(second).isNotEqualTo(first);
        advanceClock(299);
        assertThat(probe(first)).isEqualTo(40003);
        advanceClock(1);
        assertThat(probe(first)).isEqualTo(40001);
        assertThat(probe(second)).isEqualTo(40003);
    }

    @Test
    void unknownAndMissingTokensAreRefused() {
        assertThat(probe("not-a-token")).isEqualTo(40001);
        Map<String, Object> missing = postJson(
                "/cgi-bin/message/custom/send",
                Map.of("touser", "o-nobody", "msgtype", "text", "text", Map.of("content", "hi")));
        assertThat(missing).containsEntry("errcode", 41001);
    }

    @Test
    void wrongSecretIsInvalidAppsecret() {
        Map<String, Object> response =
                getJson("/cgi-bin/token?grant_type=client_credential&appid={a}&secret=wrong", APP_ID);

        assertThat(response).containsEntry("errcode", 40125).containsEntry("errmsg", "invalid appsecret");
    }

    @Test
    void badRequestsGetWeChatsErrorsWithHttp200() {
        assertThat(getJson("/cgi-bin/token?grant_type=client_credential&appid=wx-unknown&secret=x"))
                .containsEntry("errcode", 40013)
                .containsEntry("errmsg", "invalid appid");
        assertThat(getJson("/cgi-bin/token?grant_type=client_credential&secret=x"))
                .containsEntry("errcode", 41002);
        assertThat(getJson("/cgi-bin/token?grant_type=client_credential&appid={a}", APP_ID))
                .containsEntry("errcode", 41004);
        assertThat(getJson("/cgi-bin/token?grant_type=password&appid={a}&secret={s}", APP_ID, SECRET))
                .containsEntry("errcode", 40002);
    }

    @Test
    void theDailyQuotaRunsOutAndResetsTheNextDay() {
        for (int i = 0; i < 5; i++) {
            assertThat(fetchToken()).containsKey("access_token");
        }

        assertThat(fetchToken())
                .containsEntry("errcode", 45009)
                .containsEntry("errmsg", "reach max api daily quota limit");
        advanceClock(24 * 3600);
        assertThat(fetchToken()).containsKey("access_token");
    }
}
