package io.wxplatform.callback.settings;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

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
