package io.wxplatform.token.oauth;

import io.wxplatform.wechat.api.OAuthToken;

/**
 * What an exchanged code gave, for the calling service alone (internal API): the user's ids and scope, and the
 * short-lived OAuth access token for {@code sns/userinfo}. {@link #toString()} hides the token.
 */
record OAuthGrantView(
        String appId,
        String openId,
        String unionId,
        String scope,
        boolean snapshotUser,
        String accessToken,
        long expiresIn) {

    static OAuthGrantView of(String appId, OAuthToken token) {
        return new OAuthGrantView(
                appId,
                token.openId(),
                token.unionId(),
                token.scope(),
                token.snapshotUser(),
                token.accessToken(),
                token.expiresIn().toSeconds());
    }

    @Override
    public String toString() {
        return "OAuthGrantView[" + appId + ", openId=" + openId + ", scope=" + scope + ", accessToken=***]";
    }
}
