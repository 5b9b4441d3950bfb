package io.wxplatform.tokenclient;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A web-authorization code exchanged by token-service (which holds the AppSecret or the component's token): the
 * user's ids and scope, and the OAuth access token for {@code sns/userinfo} only. {@link #toString()} hides it.
 *
 * @param snapshotUser WeChat's {@code is_snapshotuser: 1}, a virtual identity of its snapshot page
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record OAuthGrantView(
        String appId,
        String openId,
        String unionId,
        String scope,
        boolean snapshotUser,
        String accessToken,
        long expiresIn) {

    @Override
    public String toString() {
        return "OAuthGrantView[" + appId + ", openId=" + openId + ", scope=" + scope + ", accessToken=***]";
    }
}
