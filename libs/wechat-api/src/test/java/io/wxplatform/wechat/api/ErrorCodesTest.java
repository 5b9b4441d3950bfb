package io.wxplatform.wechat.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ErrorCodesTest {

    @ParameterizedTest
    @CsvSource({
        "0, SUCCESS",
        "40001, TOKEN_INVALID",
        "40014, TOKEN_INVALID",
        "42001, TOKEN_INVALID",
        "-1, RETRYABLE",
        "-2, RETRYABLE",
        "-3, RETRYABLE",
        "45011, RATE_LIMITED",
        "45009, QUOTA_EXCEEDED",
        "45047, QUOTA_EXCEEDED",
        "45015, WINDOW",
        "48001, PERMISSION",
        "61007, PERMISSION",
        "40125, CONFIGURATION",
        "40164, CONFIGURATION",
        "61023, CONFIGURATION",
        "40013, CONFIGURATION",
        "61005, COMPONENT_TICKET",
        "61006, COMPONENT_TICKET",
        "40003, INVALID_REQUEST",
        "43004, INVALID_REQUEST",
        "-4, INVALID_REQUEST",
        "99999, INVALID_REQUEST"
    })
    void everyCodeFallsIntoItsDocumentedCategory(int errcode, ErrorCategory expected) {
        assertThat(ErrorCodes.categorize(errcode)).isEqualTo(expected);
    }
}
