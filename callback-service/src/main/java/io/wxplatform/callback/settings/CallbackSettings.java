package io.wxplatform.callback.settings;

import io.wxplatform.wechat.protocol.crypto.EncodingAesKey;
import java.util.List;

/**
 * What callback-service needs to know about one account to accept its callbacks. Holds secrets: {@link #toString()}
 * hides them, and nothing here is ever logged, published or returned.
 *
 * @param aesKeys current key first, then the previous one while WeChat may still use it
 */
public record CallbackSettings(
        String appId, String tenantId, String callbackToken, List<EncodingAesKey> aesKeys, boolean active) {

    public CallbackSettings {
        aesKeys = List.copyOf(aesKeys);
    }

    @Override
    public String toString() {
        return "CallbackSettings[appId=" + appId + ", tenantId=" + tenantId + ", keys=" + aesKeys.size() + ", active="
                + active + "]";
    }
}
