package io.wxplatform.wechat.api;

import java.time.Duration;

/**
 * WeChat's answer to a web-authorization code ({@code sns/oauth2/access_token} or its component variant). The
 * refresh_token is not kept: the platform never renews a user's grant. {@link #toString()} hides the access token.
 *
 * @param scope        what the user granted, as WeChat spells it ({@code snsapi_base} or {@code snsapi_userinfo})
 * @param unionId      null unless the account is bound to an Open Platform account
 * @param snapshotUser {@code is_snapshotuser: 1}: a virtual identity of WeChat's snapshot page, not the user's own
 */
public record OAuthToken(
        String accessToken, Duration expiresIn, String openId, String scope, String unionId, boolean snapshotUser) {

    /** Whether the user granted {@code snsapi_userinfo} (the scope may list several, comma-separated). */
    public boolean grantsUserInfo() {
        return scope != null && scope.contains(OAuthScope.USER_INFO.value());
    }

    @Override
    public String toString() {
        return "OAuthToken[accessToken=***, openId=" + openId + ", scope=" + scope + ", snapshotUser=" + snapshotUser
                + "]";
    }
}
