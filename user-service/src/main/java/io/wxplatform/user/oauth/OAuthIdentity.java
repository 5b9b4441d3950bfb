package io.wxplatform.user.oauth;

import java.time.Instant;
import java.util.List;

/**
 * What a redeemed platform code tells the tenant's backend: who the WeChat user is for the account, what they
 * granted and, for {@code snsapi_userinfo}, their profile. {@code snapshotUser}: WeChat's snapshot page gave a
 * virtual identity (the user has not acted yet), which the platform reports and never stores as a follower.
 */
record OAuthIdentity(
        String appId,
        String openId,
        String unionId,
        String scope,
        boolean snapshotUser,
        Profile profile,
        Instant authorizedAt) {

    /** {@code sns/userinfo}; null for {@code snsapi_base} and snapshot visits. */
    record Profile(
            String nickname,
            int sex,
            String province,
            String city,
            String country,
            String headImgUrl,
            List<String> privilege) {}
}
