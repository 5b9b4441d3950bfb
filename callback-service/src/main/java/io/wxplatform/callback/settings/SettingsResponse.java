package io.wxplatform.callback.settings;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.wxplatform.wechat.protocol.crypto.EncodingAesKey;

/** token-service's {@code callback-settings} body, as the internal API contract defines it. */
@JsonIgnoreProperties(ignoreUnknown = true)
record SettingsResponse(String appId, String tenantId, String mode, String callbackToken, List<String> aesKeys,
                        String status) {

    private static final String ACTIVE = "ACTIVE";

    /** Keys are decoded once here rather than on every callback; an undecodable key is dropped, never guessed. */
    CallbackSettings toSettings() {
        return new CallbackSettings(appId, tenantId, callbackToken, decode(aesKeys), ACTIVE.equals(status));
    }

    static List<EncodingAesKey> decode(List<String> aesKeys) {
        return aesKeys == null ? List.of() : aesKeys.stream()
                .filter(EncodingAesKey::isValid)
                .map(EncodingAesKey::parse)
                .toList();
    }

    @Override
    public String toString() {
        return "SettingsResponse[appId=" + appId + ", status=" + status + "]";
    }
}
