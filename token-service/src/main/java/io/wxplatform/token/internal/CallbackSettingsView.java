package io.wxplatform.token.internal;

import java.util.List;

/** What callback-service needs to verify and decrypt an account's callbacks: {@code aesKeys[0]} is current. */
record CallbackSettingsView(
        String appId, String tenantId, String mode, String callbackToken, List<String> aesKeys, String status) {

    @Override
    public String toString() {
        return "CallbackSettingsView[appId=" + appId + ", status=" + status + "]";
    }
}
