package io.wxplatform.wechat.protocol;

import java.util.Map;

/** {@code unauthorized}: the account owner revoked the platform's authorization. */
public record UnauthorizedPush(
        String componentAppId, long createTime, String authorizerAppId, Map<String, String> fields)
        implements ComponentPush {

    static UnauthorizedPush from(String appId, long createTime, Map<String, String> f) {
        return new UnauthorizedPush(appId, createTime, f.get("AuthorizerAppid"), f);
    }
}
