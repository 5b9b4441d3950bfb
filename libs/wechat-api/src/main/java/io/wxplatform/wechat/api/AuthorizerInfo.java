package io.wxplatform.wechat.api;

import java.util.List;

/**
 * What api_get_authorizer_info answers about an authorized account, including its CURRENT refresh token
 * ({@code authorization_info.authorizer_refresh_token}), the way back after a rotated one was lost.
 *
 * @param serviceTypeId {@code service_type_info.id}: 0 or 1 subscription account, 2 service account
 * @param verifyTypeId  {@code verify_type_info.id}: -1 unverified, 0 verified by WeChat, others verified otherwise
 * @param userName      the original id ({@code gh_…})
 */
public record AuthorizerInfo(
        String authorizerAppId,
        String nickName,
        int serviceTypeId,
        int verifyTypeId,
        String userName,
        String alias,
        String refreshToken,
        List<Integer> funcScopes) {

    public AuthorizerInfo {
        funcScopes = List.copyOf(funcScopes);
    }

    public boolean serviceAccount() {
        return serviceTypeId == 2;
    }

    public boolean verified() {
        return verifyTypeId != -1;
    }

    @Override
    public String toString() {
        return "AuthorizerInfo[authorizerAppId=" + authorizerAppId + ", nickName=" + nickName + ", serviceTypeId="
                + serviceTypeId + ", verifyTypeId=" + verifyTypeId + ", userName=" + userName + ", alias=" + alias
                + ", refreshToken=***, funcScopes=" + funcScopes + "]";
    }
}
