package io.wxplatform.callback.settings;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** token-service's component {@code callback-settings} body: {@code {componentAppId, callbackToken, aesKeys[]}}. */
@JsonIgnoreProperties(ignoreUnknown = true)
record ComponentSettingsResponse(String componentAppId, String callbackToken, List<String> aesKeys) {

    ComponentSettings toSettings() {
        return new ComponentSettings(componentAppId, callbackToken, SettingsResponse.decode(aesKeys));
    }

    @Override
    public String toString() {
        return "ComponentSettingsResponse[componentAppId=" + componentAppId + "]";
    }
}
