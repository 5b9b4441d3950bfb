package io.wxplatform.token.component;

import io.wxplatform.wechat.protocol.crypto.EncodingAesKey;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** Body of {@code PUT /api/v1/components/{componentAppId}}: the component's secrets, all required. */
record ComponentRequest(String appSecret, String token, String encodingAesKey) {

    static final Pattern APP_ID = Pattern.compile("wx[0-9a-f]{16}");
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9]{3,32}");
    private static final Pattern APP_SECRET = Pattern.compile("[\\x21-\\x7E]{8,128}");

    /** Field name → what is wrong; empty when valid. Messages never echo a secret. */
    Map<String, String> violations(String componentAppId) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (componentAppId == null || !APP_ID.matcher(componentAppId).matches()) {
            errors.put("componentAppId", "must be 'wx' followed by 16 lower-case hex characters");
        }
        if (appSecret == null || !APP_SECRET.matcher(appSecret).matches()) {
            errors.put("appSecret", "must be 8-128 printable characters without spaces");
        }
        if (token == null || !TOKEN.matcher(token).matches()) {
            errors.put("token", "must be 3-32 letters or digits");
        }
        if (encodingAesKey == null || !EncodingAesKey.isValid(encodingAesKey)) {
            errors.put("encodingAesKey", "must be 43 characters of the base64 alphabet");
        }
        return errors;
    }

    @Override
    public String toString() {
        return "ComponentRequest[***]";
    }
}
