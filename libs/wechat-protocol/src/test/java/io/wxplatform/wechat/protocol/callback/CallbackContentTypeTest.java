package io.wxplatform.wechat.protocol.callback;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CallbackContentTypeTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "text/xml",
                "text/xml; charset=utf-8",
                "TEXT/XML;charset=UTF-8",
                "application/xml",
                "application/atom+xml",
                "text/plain",
                " text/xml "
            })
    void xmlAndPlainTextCanBeCallbacks(String contentType) {
        assertThat(CallbackVerifier.acceptsContentType(contentType)).isTrue();
    }

    @Test
    void aMissingContentTypeIsTolerated() {
        assertThat(CallbackVerifier.acceptsContentType(null)).isTrue();
        assertThat(CallbackVerifier.acceptsContentType("")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "application/json",
                "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x",
                "text/html",
                "application/octet-stream",
                "xml",
                "text/xmlx"
            })
    void otherTypesAreNotCallbacks(String contentType) {
        assertThat(CallbackVerifier.acceptsContentType(contentType)).isFalse();
    }
}
