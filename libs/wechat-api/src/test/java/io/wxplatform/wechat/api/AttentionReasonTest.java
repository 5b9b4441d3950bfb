package io.wxplatform.wechat.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AttentionReasonTest {

    @ParameterizedTest
    @CsvSource({"40125, INVALID_SECRET", "40164, IP_NOT_WHITELISTED", "61023, NEEDS_REAUTHORIZATION"})
    void refusalsOnlyAPersonCanFixNameTheirReason(int errcode, AttentionReason expected) {
        assertThat(AttentionReason.of(errcode)).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, -2, 40001, 45009, 45011, 40013})
    void retryableAndOtherRefusalsNeedNoPerson(int errcode) {
        assertThat(AttentionReason.of(errcode)).isEmpty();
    }
}
