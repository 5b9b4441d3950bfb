package io.wxplatform.token.component;

import java.util.List;

/** {@code GET /internal/v1/components/{componentAppId}/callback-settings}: {@code aesKeys[0]} is current. */
record ComponentCallbackSettings(String componentAppId, String callbackToken, List<String> aesKeys) {

    @Override
    public String toString() {
        return "ComponentCallbackSettings[" + componentAppId + "]";
    }
}
