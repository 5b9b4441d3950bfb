package io.wxplatform.wechat.api;

import java.util.List;

/**
 * {@code sns/userinfo}: what a user who granted {@code snsapi_userinfo} shows the page (unlike {@code user/info},
 * WeChat still returns nickname and avatar here).
 *
 * @param sex 0 unknown, 1 male, 2 female (WeChat returns 0 for most users since 2021)
 */
public record OAuthProfile(
        String openId,
        String nickname,
        int sex,
        String province,
        String city,
        String country,
        String headImgUrl,
        List<String> privilege,
        String unionId) {

    public OAuthProfile {
        privilege = privilege == null ? List.of() : List.copyOf(privilege);
    }
}
