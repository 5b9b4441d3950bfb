package io.wxplatform.token.account;

import io.wxplatform.wechat.protocol.crypto.EncodingAesKey;
import java.util.LinkedHashMap;
import java.util.Map;

/** Body of {@code PATCH …/accounts/{appId}}: only the fields present change. */
record UpdateAccountRequest(
        String name, String type, Boolean verified, String appSecret, String callbackToken, String encodingAesKey) {

    /** Field name → what is wrong; empty when the request is valid. Messages never echo a secret. */
    Map<String, String> violations() {
        Map<String, String> errors = new LinkedHashMap<>();
        if (name != null && (name.isBlank() || name.length() > RegisterAccountRequest.NAME_MAX)) {
            errors.put("name", "must be 1-" + RegisterAccountRequest.NAME_MAX + " characters");
        }
        if (type != null && RegisterAccountRequest.accountType(type) == null) {
            errors.put("type", "must be SUBSCRIPTION or SERVICE");
        }
        if (appSecret != null
                && !RegisterAccountRequest.APP_SECRET.matcher(appSecret).matches()) {
            errors.put("appSecret", "must be 8-128 printable characters without spaces");
        }
        if (callbackToken != null
                && !RegisterAccountRequest.CALLBACK_TOKEN.matcher(callbackToken).matches()) {
            errors.put("callbackToken", "must be 3-32 letters or digits");
        }
        if (encodingAesKey != null && !EncodingAesKey.isValid(encodingAesKey)) {
            errors.put("encodingAesKey", "must be 43 characters of the base64 alphabet");
        }
        if (errors.isEmpty()
                && name == null
                && type == null
                && verified == null
                && appSecret == null
                && callbackToken == null
                && encodingAesKey == null) {
            errors.put("body", "must change at least one field");
        }
        return errors;
    }

    @Override
    public String toString() {
        return "UpdateAccountRequest[name=" + name + ", type=" + type + ", verified=" + verified + "]";
    }
}
