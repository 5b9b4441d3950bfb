package io.wxplatform.wechat.api;

import java.time.Duration;
import java.util.List;

/**
 * What api_query_auth answers for an authorization code: the authorizer's first access token and the refresh token
 * that every later access token comes from (lose it and the owner must authorize again). {@link #toString()} hides
 * both tokens.
 */
public record Authorization(
        String authorizerAppId, String accessToken, Duration expiresIn, String refreshToken, List<Integer> funcScopes) {

    public Authorization {
        funcScopes = List.copyOf(funcScopes);
    }

    @Override
    public String toString() {
        return "Authorization[authorizerAppId=" + authorizerAppId + ", accessToken=***, expiresIn=" + expiresIn
                + ", refreshToken=***, funcScopes=" + funcScopes + "]";
    }
}
