package io.wxplatform.wechat.protocol;

import java.util.Map;

/** A push to the third-party platform's authorization event URL. Build with {@link ComponentPushes}. */
public sealed interface ComponentPush
        permits VerifyTicketPush, AuthorizationPush, UnauthorizedPush, UnknownComponentPush {

    /** The platform's own appid ({@code AppId}). */
    String componentAppId();

    long createTime();

    /** Every field of the push in document order, unknown ones included. */
    Map<String, String> fields();

    default String infoType() {
        return fields().get("InfoType");
    }

    /** The authorizer account concerned, or null. */
    default String authorizerAppId() {
        return fields().get("AuthorizerAppid");
    }
}
