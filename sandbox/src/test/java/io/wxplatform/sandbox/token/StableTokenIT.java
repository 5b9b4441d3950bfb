package io.wxplatform.sandbox.token;

import static org.assertj.core.api.Assertions.assertThat;

import io.wxplatform.sandbox.SandboxITSupport;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StableTokenIT extends SandboxITSupport {

    @BeforeEach
    void account() {
        createAccount();
    }

    private int probe(String accessToken) {
        return (Integer) errcode(sendText(accessToken, "o-nobody", "hi"));
    }

    private String stable(boolean force) {
        return (String) stableToken(force).get("access_token");
    }

    @Test
    void normalModeHandsOutTheSameTokenUntilFiveMinutesBeforeExpiry() {
        Map<String, Object> first = stableToken(false);
        String token = (String) first.get("access_token");
        assertThat(first).containsEntry("expires_in", 7200);

        advanceClock(6000);
        Map<String, Object> later = stableToken(false);
        assertThat(later).containsEntry("access_token", token).containsEntry("expires_in", 1200);

        advanceClock(901);
        Map<String, Object> renewed = stableToken(false);
        assertThat(renewed.get("access_token")).isNotEqualTo(token);
        assertThat(renewed).containsEntry("expires_in", 7200);
        assertThat(probe(token))
                .as("the old token still runs to its own expiry")
                .isEqualTo(40003);
        advanceClock(299);
        assertThat(probe(token)).isEqualTo(42001);
    }

    @Test
    void forceRefreshRevokesTheCurrentTokenAtOnce() {
        String before = stable(false);
        String after = stable(true);

        assertThat(after).isNotEqualTo(before);
        assertThat(probe(before)).isEqualTo(40001);
        assertThat(probe(after)).isEqualTo(40003);
        assertThat(stable(false)).isEqualTo(after);
    }

    @Test
    void forcedRefreshesMustBeThirtySecondsApartAndAreLimitedPerDay() {
        stable(true);
        assertThat(stableToken(true)).containsEntry("errcode", 45011);
        advanceClock(30);
        stable(true);
        advanceClock(30);
        stable(true);
        advanceClock(30);

        assertThat(stableToken(true)).containsEntry("errcode", 45009);
        advanceClock(24 * 3600);
        assertThat(stableToken(true)).containsKey("access_token");
    }

    @Test
    void stableTokenAndTokenDoNotAffectEachOther() {
        String stable = stable(false);
        String plain = accessToken();
        accessToken();
        advanceClock(301);

        assertThat(probe(stable))
                .as("/token fetches leave the stable token alone")
                .isEqualTo(40003);
        assertThat(probe(plain)).isEqualTo(40001);
        String current = accessToken();
        stable(true);
        assertThat(probe(current))
                .as("a forced stable refresh leaves /token tokens alone")
                .isEqualTo(40003);
    }

    @Test
    void stableTokenChecksCredentialsAndBody() {
        assertThat(postJson(
                        "/cgi-bin/stable_token",
                        Map.of("grant_type", "client_credential", "appid", APP_ID, "secret", "wrong")))
                .containsEntry("errcode", 40125);
        assertThat(postJson("/cgi-bin/stable_token", "{not json")).containsEntry("errcode", 47001);
    }
}
