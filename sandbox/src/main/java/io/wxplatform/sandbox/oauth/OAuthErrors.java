package io.wxplatform.sandbox.oauth;

import io.wxplatform.sandbox.web.WeChatError;

/** WeChat's answers of its web-authorization APIs. */
public final class OAuthErrors {

    public static final WeChatError INVALID_CODE = new WeChatError(40029, "invalid code");
    public static final WeChatError CODE_USED = new WeChatError(40163, "code been used");
    public static final WeChatError CODE_EXPIRED = new WeChatError(42003, "code expired");
    public static final WeChatError INVALID_SCOPE = new WeChatError(40066, "invalid scope");

    private OAuthErrors() {}
}
