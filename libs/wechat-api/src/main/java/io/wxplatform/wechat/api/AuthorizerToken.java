package io.wxplatform.wechat.api;

import java.time.Duration;

/**
 * What api_authorizer_token answers: a new access token and the refresh token to use next time (WeChat may rotate
 * it; store it before using the access token). {@link #toString()} hides both.
 */
public record AuthorizerToken(String accessToken, Duration expiresIn, String refreshToken) {

    @Override
    public String toString() {
        return "AuthorizerToken[accessToken=***, expiresIn=" + expiresIn + ", refreshToken=***]";
    }
}
