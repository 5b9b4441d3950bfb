package io.wxplatform.callback.settings;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.wxplatform.wechat.protocol.crypto.EncodingAesKey;
import java.util.List;
import java.util.Set;

/** token-service's {@code callback-settings} body, as the internal API contract defines it. */
@JsonIgnoreProperties(ignoreUnknown = true)
record SettingsResponse(
        String appId, String tenantId, String mode, String callbackToken, List<String> aesKeys, String status) {

    /**
     * Statuses in which the platform stops taking the account's callbacks. The attention states (INVALID_SECRET,
     * IP_NOT_WHITELISTED, NEEDS_REAUTHORIZATION) stop API calls, not WeChat's pushes: followers' events keep coming
     * and are kept.
     */
    private static final Set<String> NOT_RECEIVING = Set.of("SUSPENDED", "DELETED", "UNAUTHORIZED");

    /** Keys are decoded once here rather than on every callback; an undecodable key is dropped, never guessed. */
    CallbackSettings toSettings() {
        return new CallbackSettings(
                appId, tenantId, callbackToken, decode(aesKeys), status != null && !NOT_RECEIVING.contains(status));
    }

    static List<EncodingAesKey> decode(List<String> aesKeys) {
        return aesKeys == null
                ? List.of()
                : aesKeys.stream()
                        .filter(EncodingAesKey::isValid)
                        .map(EncodingAesKey::parse)
                        .toList();
    }

    @Override
    public String toString() {
        return "SettingsResponse[appId=" + appId + ", status=" + status + "]";
    }
}
