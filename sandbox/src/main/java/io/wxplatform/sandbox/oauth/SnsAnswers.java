package io.wxplatform.sandbox.oauth;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON WeChat answers for a code exchange and for {@code sns/userinfo}. */
public final class SnsAnswers {

    private SnsAnswers() {}

    public static Map<String, Object> token(OAuthGrants.IssuedCredential credential) {
        OAuthGrants.IssuedToken token = credential.token();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("access_token", credential.accessToken());
        answer.put("expires_in", OAuthGrants.TOKEN_LIFETIME.toSeconds());
        answer.put("refresh_token", "r" + credential.accessToken().substring(0, 16));
        answer.put("openid", token.openId());
        answer.put("scope", token.scope());
        if (token.snapshot()) {
            answer.put("is_snapshotuser", 1);
        }
        return answer;
    }

    /** A profile made up from the openid, the same for every call. */
    static Map<String, Object> userInfo(String openId) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("openid", openId);
        answer.put("nickname", "用户" + openId.substring(Math.max(0, openId.length() - 4)));
        answer.put("sex", 0);
        answer.put("province", "");
        answer.put("city", "");
        answer.put("country", "");
        answer.put("headimgurl", "https://thirdwx.qlogo.cn/mmopen/sandbox/" + openId + "/132");
        answer.put("privilege", List.of());
        return answer;
    }
}
