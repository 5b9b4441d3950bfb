package io.wxplatform.wechat.protocol.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EncodingAesKeyTest {

    private static final String TENCENT_SAMPLE_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";

    @Test
    void acceptsTencentsSampleKeyWhoseLastCharacterIsNotCanonicalBase64() {
        EncodingAesKey key = EncodingAesKey.parse(TENCENT_SAMPLE_KEY);

        byte[] canonicalPrefix = Base64.getDecoder().decode(TENCENT_SAMPLE_KEY.substring(0, 40));
        assertThat(key.bytes()).hasSize(32).startsWith(canonicalPrefix);
        assertThat(EncodingAesKey.isValid(TENCENT_SAMPLE_KEY)).isTrue();
    }

    @Test
    void decodesLikeBase64WithAnAppendedPadCharacter() {
        String key = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFE";
        assertThat(EncodingAesKey.parse(key).bytes())
                .isEqualTo(Base64.getDecoder().decode(key + "="));
        assertThat(EncodingAesKey.parse("A".repeat(43)).bytes()).isEqualTo(new byte[32]);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 42, 44})
    void rejectsKeysThatAreNot43Characters(int length) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> EncodingAesKey.parse("A".repeat(length)))
                .withMessageContaining("43 characters");
        assertThat(EncodingAesKey.isValid("A".repeat(length))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"-", "_", "=", " ", "é"})
    void rejectsCharactersOutsideTheBase64Alphabet(String bad) {
        String key = "A".repeat(20) + bad + "A".repeat(22);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> EncodingAesKey.parse(key))
                .withMessageContaining("position 20");
    }

    @Test
    void rejectsAMissingKey() {
        assertThatIllegalArgumentException().isThrownBy(() -> EncodingAesKey.parse(null));
        assertThat(EncodingAesKey.isValid(null)).isFalse();
    }

    @Test
    void neverPrintsTheKey() {
        assertThat(EncodingAesKey.parse(TENCENT_SAMPLE_KEY).toString()).doesNotContain("abcdef");
    }

    @Test
    void keysAreEqualByValueAndBytesAreACopy() {
        EncodingAesKey key = EncodingAesKey.parse(TENCENT_SAMPLE_KEY);
        key.bytes()[0] = 42;
        assertThat(key)
                .isEqualTo(EncodingAesKey.parse(TENCENT_SAMPLE_KEY))
                .isNotEqualTo(EncodingAesKey.parse("A".repeat(43)));
    }
}
