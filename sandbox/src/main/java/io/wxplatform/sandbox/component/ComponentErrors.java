package io.wxplatform.sandbox.component;

import io.wxplatform.sandbox.web.WeChatError;

/** WeChat's answers on {@code /cgi-bin/component/…} beyond the common ones in {@link WeChatError}. */
final class ComponentErrors {

    static final WeChatError COMPONENT_TOKEN_MISSING = new WeChatError(41001, "component_access_token missing");
    static final WeChatError TICKET_EXPIRED = new WeChatError(61005, "component ticket is expired");
    static final WeChatError TICKET_INVALID = new WeChatError(61006, "component ticket is invalid");
    static final WeChatError NOT_AUTHORIZED = new WeChatError(61003, "component is not authorized by this account");
    static final WeChatError AUTH_CODE_INVALID = new WeChatError(61009, "code is invalid");
    static final WeChatError AUTH_CODE_EXPIRED = new WeChatError(61010, "code is expired");
    static final WeChatError REFRESH_TOKEN_INVALID = new WeChatError(61023, "refresh_token is invalid");
    static final WeChatError API_UNAUTHORIZED_TO_COMPONENT = new WeChatError(61007, "api is unauthorized to component");

    private ComponentErrors() {}
}
