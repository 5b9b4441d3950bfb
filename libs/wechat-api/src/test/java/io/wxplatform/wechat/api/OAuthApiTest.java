package io.wxplatform.wechat.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code wechat.oauth()} against a real HTTP server standing in for WeChat, and the authorize URL. */
class OAuthApiTest {

    private static final String APP_ID = "wx520c15f417810387";

    private final FakeWeChat wechat = new FakeWeChat();
    private final OAuthApi oauth =
            WeChatClient.create(WeChatClientConfig.of(wechat.baseUrl())).oauth();

    @AfterEach
    void stop() {
        wechat.close();
    }

    @Test
    void theAuthorizeUrlHasWeChatsParametersInOrderTheRedirectEncodedAndTheFragment() {
        String url = OAuthApi.authorizeUrl(
                OAuthApi.AUTHORIZE_BASE,
                APP_ID,
                "https://platform.example.com/oauth/" + APP_ID + "/callback",
                OAuthScope.USER_INFO,
                "s1",
                null);

        assertThat(url)
                .isEqualTo("https://open.weixin.qq.com/connect/oauth2/authorize?appid=" + APP_ID
                        + "&redirect_uri=https://platform.example.com/oauth/" + APP_ID + "/callback"
                        + "&response_type=code&scope=snsapi_userinfo&state=s1#wechat_redirect");
        assertThat(OAuthApi.authorizeUrl(
                        URI.create("http://127.0.0.1:8090"),
                        APP_ID,
                        "https://p.example/cb?a=1&b=2",
                        OAuthScope.BASE,
                        "s2",
                        "wxcomponent01"))
                .isEqualTo("http://127.0.0.1:8090/connect/oauth2/authorize?appid=" + APP_ID
                        + "&redirect_uri=https://p.example/cb?a%3D1%26b%3D2&response_type=code&scope=snsapi_base"
                        + "&state=s2&component_appid=wxcomponent01#wechat_redirect");
        assertThatThrownBy(() -> OAuthApi.authorizeUrl(
                        OAuthApi.AUTHORIZE_BASE,
                        APP_ID,
                        "https://p.example/cb",
                        OAuthScope.BASE,
                        "x".repeat(129),
                        null))
                .isInstanceOf(WeChatLimitException.class);
    }

    @Test
    void aCodeExchangeReadsTheSnapshotFlagAndHidesTheToken() {
        wechat.answer("{\"access_token\":\"OAUTH-TOKEN-secret\",\"expires_in\":7200,\"refresh_token\":\"R\","
                + "\"openid\":\"oSnap\",\"scope\":\"snsapi_userinfo\",\"is_snapshotuser\":1,\"unionid\":\"u1\"}");

        OAuthToken token = oauth.exchangeCode(APP_ID, "app-secret", "CODE1").block();

        assertThat(wechat.lastRequest().uri())
                .startsWith("/sns/oauth2/access_token?appid=" + APP_ID + "&secret=app-secret&code=CODE1");
        assertThat(token.openId()).isEqualTo("oSnap");
        assertThat(token.snapshotUser()).isTrue();
        assertThat(token.grantsUserInfo()).isTrue();
        assertThat(token.unionId()).isEqualTo("u1");
        assertThat(token.toString()).doesNotContain("OAUTH-TOKEN-secret");
    }

    @Test
    void aReusedCodeIsWeChats40163WithoutTheCodeInTheMessage() {
        wechat.answer("{\"errcode\":40163,\"errmsg\":\"code been used, hints: [ code=CODE-SECRET-1 ]\"}");

        assertThatThrownBy(() -> oauth.exchangeCodeAsComponent(APP_ID, "CODE-SECRET-1", "wxc", "CTOKEN-1")
                        .block())
                .isInstanceOfSatisfying(WeChatApiException.class, e -> {
                    assertThat(e.errcode()).isEqualTo(ErrorCodes.OAUTH_CODE_USED);
                    assertThat(e.getMessage()).doesNotContain("CODE-SECRET-1").doesNotContain("CTOKEN-1");
                });
        assertThat(wechat.lastRequest().uri()).startsWith("/sns/oauth2/component/access_token?appid=" + APP_ID);
    }

    @Test
    void userInfoReadsTheProfile() {
        wechat.answer("{\"openid\":\"o1\",\"nickname\":\"Band\",\"sex\":0,\"province\":\"\",\"city\":\"\","
                + "\"country\":\"\",\"headimgurl\":\"https://thirdwx.qlogo.cn/x/46\",\"privilege\":[]}");

        OAuthProfile profile = oauth.userInfo(APP_ID, "OAUTH-TOKEN", "o1").block();

        assertThat(profile.nickname()).isEqualTo("Band");
        assertThat(profile.headImgUrl()).endsWith("/46");
        assertThat(profile.unionId()).isNull();
    }
}
