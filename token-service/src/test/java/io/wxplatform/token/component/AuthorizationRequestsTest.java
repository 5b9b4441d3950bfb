package io.wxplatform.token.component;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AuthorizationRequestsTest {

    private static final String AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";

    @Test
    void aComponentNeedsItsAppIdAndEverySecret() {
        assertThat(new ComponentRequest("secret-123", "tok123", AES_KEY).violations("wx0123456789abcdef"))
                .isEmpty();
        assertThat(new ComponentRequest(null, "t", "short").violations("gh_123"))
                .containsOnlyKeys("componentAppId", "appSecret", "token", "encodingAesKey");
    }

    @Test
    void violationsNeverEchoASecret() {
        assertThat(new ComponentRequest("has space secret", "tok!", "x")
                        .violations("wx0123456789abcdef")
                        .values())
                .noneMatch(message -> message.contains("has space secret") || message.contains("tok!"));
        assertThat(new ComponentRequest("secret-123", "tok123", AES_KEY).toString())
                .doesNotContain("secret-123");
    }

    @Test
    void aReturnUrlMustBeAnAbsoluteHttpUrl() {
        assertThat(new StartAuthorizationRequest("wx0123456789abcdef", null).violations())
                .isEmpty();
        assertThat(new StartAuthorizationRequest("wx0123456789abcdef", "https://console.example/done").violations())
                .isEmpty();
        assertThat(new StartAuthorizationRequest("wx0123456789abcdef", "javascript:alert(1)").violations())
                .containsOnlyKeys("returnUrl");
        assertThat(new StartAuthorizationRequest("wx0123456789abcdef", "/relative").violations())
                .containsOnlyKeys("returnUrl");
        assertThat(new StartAuthorizationRequest(null, null).violations()).containsOnlyKeys("componentAppId");
    }

    @Test
    void preAuthCodesAreKeptOnlyAsAHash() {
        String hash = Authorizations.hash("preauthcode@@@abc");
        assertThat(hash).hasSize(64).doesNotContain("abc").isEqualTo(Authorizations.hash("preauthcode@@@abc"));
    }
}
