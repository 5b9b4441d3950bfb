package io.wxplatform.wechat.protocol;

import static io.wxplatform.wechat.protocol.OfficialExample.*;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SignaturesTest {

    @Test
    void handshakeSignatureMatchesTheOfficialExample() {
        assertThat(Signatures.handshake(TOKEN, GET_TIMESTAMP, GET_NONCE)).isEqualTo(GET_SIGNATURE);
    }

    @Test
    void messageSignatureMatchesTheOfficialSafeModePost() {
        assertThat(Signatures.message(TOKEN, POST_TIMESTAMP, POST_NONCE, POST_ENCRYPT))
                .isEqualTo(POST_MSG_SIGNATURE);
    }

    @Test
    void replySignatureMatchesTheOfficialReply() {
        assertThat(Signatures.message(TOKEN, REPLY_TIMESTAMP, REPLY_NONCE, REPLY_ENCRYPT))
                .isEqualTo(REPLY_MSG_SIGNATURE);
    }

    @Test
    void inputsAreSortedSoTheirOrderDoesNotMatter() {
        assertThat(Signatures.handshake("b", "a", "c")).isEqualTo(Signatures.handshake("c", "b", "a"));
    }

    @Test
    void matchingIsExactAndNullSafe() {
        assertThat(Signatures.matches(GET_SIGNATURE, GET_SIGNATURE)).isTrue();
        assertThat(Signatures.matches(GET_SIGNATURE, GET_SIGNATURE.replace('f', 'e')))
                .isFalse();
        assertThat(Signatures.matches(GET_SIGNATURE, GET_SIGNATURE.substring(1)))
                .isFalse();
        assertThat(Signatures.matches(GET_SIGNATURE, null)).isFalse();
        assertThat(Signatures.matches(null, GET_SIGNATURE)).isFalse();
        assertThat(Signatures.matches(null, null)).isFalse();
    }
}
