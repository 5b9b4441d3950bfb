package io.wxplatform.wechat.protocol;

import java.util.Map;

/** {@code authorized} or {@code updateauthorized}: exchange {@code authorizationCode} with api_query_auth. */
public record AuthorizationPush(
        String componentAppId,
        long createTime,
        String infoType,
        String authorizerAppId,
        String authorizationCode,
        long authorizationCodeExpiredTime,
        String preAuthCode,
        Map<String, String> fields)
        implements ComponentPush {

    static AuthorizationPush from(String appId, long createTime, Map<String, String> f) {
        return new AuthorizationPush(
                appId,
                createTime,
                f.get("InfoType"),
                f.get("AuthorizerAppid"),
                f.get("AuthorizationCode"),
                Fields.longValue(f, "AuthorizationCodeExpiredTime"),
                f.get("PreAuthCode"),
                f);
    }
}
