package io.wxplatform.token.internal;

import io.wxplatform.support.web.ApiException;
import io.wxplatform.wechat.api.WeChatApiException;
import org.springframework.http.HttpStatus;

/**
 * WeChat refused to hand out a token: relayed as problem+json {@code WECHAT_ERROR} with WeChat's {@code errcode},
 * so token-client can rebuild the typed {@link WeChatApiException}. 503 when trying again may help, else 502.
 */
public final class WeChatProblems {

    private WeChatProblems() {}

    public static ApiException of(WeChatApiException error) {
        HttpStatus status = error.isRetryable() ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.BAD_GATEWAY;
        return new ApiException(status, "WECHAT_ERROR", "WeChat refused " + error.api() + " for " + error.appId())
                .with("errcode", error.errcode())
                .with("errmsg", error.errmsg())
                .with("category", error.category().name())
                .with("api", error.api());
    }
}
