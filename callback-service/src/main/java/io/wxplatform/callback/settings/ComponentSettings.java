package io.wxplatform.callback.settings;

import io.wxplatform.wechat.protocol.crypto.EncodingAesKey;
import java.util.List;

/**
 * What callback-service needs to verify and open callbacks sealed by a third-party platform (component): its own
 * Token and EncodingAESKey, used for its pushes and for every authorized account's callbacks. Holds secrets:
 * {@link #toString()} hides them.
 *
 * @param aesKeys current key first, then the previous one while WeChat may still use it
 */
public record ComponentSettings(String componentAppId, String callbackToken, List<EncodingAesKey> aesKeys) {

    public ComponentSettings {
        aesKeys = List.copyOf(aesKeys);
    }

    @Override
    public String toString() {
        return "ComponentSettings[componentAppId=" + componentAppId + ", keys=" + aesKeys.size() + "]";
    }
}
