package io.wxplatform.token.account;

import io.wxplatform.wechat.protocol.crypto.EncodingAesKey;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** Body of {@code POST /api/v1/tenants/{tenantId}/accounts} for a direct-mode account. */
record RegisterAccountRequest(
        String appId,
        String name,
        String type,
        Boolean verified,
        String appSecret,
        String callbackToken,
        String encodingAesKey) {

    static final Pattern APP_ID = Pattern.compile("wx[0-9a-f]{16}");
    static final Pattern CALLBACK_TOKEN = Pattern.compile("[A-Za-z0-9]{3,32}");
    // WeChat issues 32 hex characters; any printable ASCII without spaces is accepted so sandboxes can use labels.
    static final Pattern APP_SECRET = Pattern.compile("[\\x21-\\x7E]{8,128}");
    static final int NAME_MAX = 100;

    /** Field name → what is wrong; empty when the request is valid. Messages never echo a secret. */
    Map<String, String> violations() {
        Map<String, String> errors = new LinkedHashMap<>();
        if (appId == null || !APP_ID.matcher(appId).matches()) {
            errors.put("appId", "must be 'wx' followed by 16 lower-case hex characters");
        }
        if (name == null || name.isBlank() || name.length() > NAME_MAX) {
            errors.put("name", "must be 1-" + NAME_MAX + " characters");
        }
        if (accountType() == null) {
            errors.put("type", "must be SUBSCRIPTION or SERVICE");
        }
        if (verified == null) {
            errors.put("verified", "must be true or false");
        }
        if (appSecret == null || !APP_SECRET.matcher(appSecret).matches()) {
            errors.put("appSecret", "must be 8-128 printable characters without spaces");
        }
        if (callbackToken == null || !CALLBACK_TOKEN.matcher(callbackToken).matches()) {
            errors.put("callbackToken", "must be 3-32 letters or digits");
        }
        if (encodingAesKey == null || !EncodingAesKey.isValid(encodingAesKey)) {
            errors.put("encodingAesKey", "must be 43 characters of the base64 alphabet");
        }
        return errors;
    }

    AccountType accountType() {
        return accountType(type);
    }

    static AccountType accountType(String type) {
        if (type == null) {
            return null;
        }
        for (AccountType candidate : AccountType.values()) {
            if (candidate.name().equals(type)) {
                return candidate;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return "RegisterAccountRequest[appId=" + appId + ", name=" + name + ", type=" + type + "]";
    }
}
