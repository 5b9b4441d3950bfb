package io.wxplatform.token.account;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RegisterAccountRequestTest {

    private static final String AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";

    private static RegisterAccountRequest valid() {
        return new RegisterAccountRequest(
                "wx0123456789abcdef", "Shop", "SERVICE", true, "0123456789abcdef0123456789abcdef", "token123", AES_KEY);
    }

    @Test
    void aCompleteRequestIsValid() {
        assertThat(valid().violations()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"wx0123456789ABCDEF", "wx0123456789abcde", "gh0123456789abcdef", "wx0123456789abcdefa"})
    void appIdsMustBeWxAndSixteenLowerCaseHex(String appId) {
        RegisterAccountRequest request = new RegisterAccountRequest(
                appId, "Shop", "SERVICE", true, "0123456789abcdef0123456789abcdef", "token123", AES_KEY);

        assertThat(request.violations()).containsOnlyKeys("appId");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ab", "with space", "toolong-toolong-toolong-toolong-x", "dash-es"})
    void callbackTokensAreThreeToThirtyTwoLettersOrDigits(String token) {
        RegisterAccountRequest request = new RegisterAccountRequest(
                "wx0123456789abcdef", "Shop", "SERVICE", true, "0123456789abcdef0123456789abcdef", token, AES_KEY);

        assertThat(request.violations()).containsOnlyKeys("callbackToken");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "abcdefghijklmnopqrstuvwxyz0123456789ABCDEF",
                "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGH",
                "abcdefghijklmnopqrstuvwxyz0123456789ABCDEF!"
            })
    void encodingAesKeysAreFortyThreeBase64Characters(String key) {
        RegisterAccountRequest request = new RegisterAccountRequest(
                "wx0123456789abcdef", "Shop", "SERVICE", true, "0123456789abcdef0123456789abcdef", "token123", key);

        assertThat(request.violations()).containsOnlyKeys("encodingAesKey");
    }

    @Test
    void missingFieldsAreEachNamedAndSecretsNeverEchoed() {
        RegisterAccountRequest request =
                new RegisterAccountRequest(null, " ", "BLOG", null, "has space secret", null, null);

        assertThat(request.violations())
                .containsOnlyKeys("appId", "name", "type", "verified", "appSecret", "callbackToken", "encodingAesKey");
        assertThat(request.violations().values()).noneMatch(message -> message.contains("has space secret"));
        assertThat(request.toString()).doesNotContain("has space secret");
    }
}
