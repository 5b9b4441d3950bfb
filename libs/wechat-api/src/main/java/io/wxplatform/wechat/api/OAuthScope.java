package io.wxplatform.wechat.api;

import java.util.Arrays;
import java.util.Optional;

/**
 * The scopes of WeChat's web authorization: {@code snsapi_base} gives the openid silently, {@code snsapi_userinfo}
 * asks the user and opens {@code sns/userinfo}.
 */
public enum OAuthScope {
    BASE("snsapi_base"),
    USER_INFO("snsapi_userinfo");

    private final String value;

    OAuthScope(String value) {
        this.value = value;
    }

    /** WeChat's spelling. */
    public String value() {
        return value;
    }

    /** The scope WeChat spells {@code value}, empty for anything else. */
    public static Optional<OAuthScope> parse(String value) {
        return Arrays.stream(values()).filter(s -> s.value.equals(value)).findFirst();
    }
}
