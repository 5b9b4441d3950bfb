package io.wxplatform.wechat.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ComponentApiTest {

    private static final String COMPONENT = "wxc0c0c0c0c0c0c0c0";
    private static final String AUTHORIZER = "wxa1a1a1a1a1a1a1a1";
    private static final String SECRET = "component-secret-0123456789abcdef";
    private static final String TICKET = "ticket@@@verify-0123456789";
    private static final String COMPONENT_TOKEN = "COMPONENT-TOKEN-0123456789abcdef";
    private static final String ACCESS = "AUTHORIZER-ACCESS-0123456789abcdef";
    private static final String REFRESH = "refreshtoken@@@0123456789abcdef";
    private static final String ROTATED = "refreshtoken@@@rotated-fedcba9876";

    private final JsonMapper json = JsonMapper.builder().build();
    private final FakeWeChat wechat = new FakeWeChat();
    private final ComponentApi component =
            WeChatClient.create(WeChatClientConfig.of(wechat.baseUrl())).component();

    @AfterEach
    void stop() {
        wechat.close();
    }

    @Test
    void componentTokenPostsTheSecretAndTicketAndHidesTheToken() {
        wechat.answer("{\"component_access_token\":\"" + COMPONENT_TOKEN + "\",\"expires_in\":7200}");

        ComponentToken token =
                component.componentToken(COMPONENT, SECRET, TICKET).block();

        assertThat(token.value()).isEqualTo(COMPONENT_TOKEN);
        assertThat(token.expiresIn()).isEqualTo(Duration.ofHours(2));
        assertThat(token.toString()).doesNotContain(COMPONENT_TOKEN);
        assertThat(wechat.lastRequest().uri()).isEqualTo("/cgi-bin/component/api_component_token");
        JsonNode body = json.readTree(wechat.lastRequest().body());
        assertThat(body.path("component_appid").asString()).isEqualTo(COMPONENT);
        assertThat(body.path("component_appsecret").asString()).isEqualTo(SECRET);
        assertThat(body.path("component_verify_ticket").asString()).isEqualTo(TICKET);
    }

    @ParameterizedTest
    @ValueSource(ints = {61005, 61006})
    void anExpiredOrInvalidTicketSaysWaitForTheNextTicketWithoutLeakingIt(int errcode) {
        wechat.answer("{\"errcode\":" + errcode + ",\"errmsg\":\"verify ticket " + TICKET + " is invalid\"}");

        WeChatApiException error = failure(component.componentToken(COMPONENT, SECRET, TICKET));

        assertThat(error.category()).isEqualTo(ErrorCategory.COMPONENT_TICKET);
        assertThat(error.appId()).isEqualTo(COMPONENT);
        assertThat(error.api()).isEqualTo("/cgi-bin/component/api_component_token");
        assertThat(error.getMessage()).doesNotContain(TICKET).doesNotContain(SECRET);
    }

    @Test
    void preAuthCodeIsCreatedWithTheComponentTokenInTheQuery() {
        wechat.answer("{\"pre_auth_code\":\"preauthcode@@@abc\",\"expires_in\":600}");

        PreAuthCode code =
                component.createPreAuthCode(COMPONENT_TOKEN, COMPONENT).block();

        assertThat(code).isEqualTo(new PreAuthCode("preauthcode@@@abc", Duration.ofSeconds(600)));
        assertThat(wechat.lastRequest().uri())
                .isEqualTo("/cgi-bin/component/api_create_preauthcode?component_access_token=" + COMPONENT_TOKEN);
        assertThat(json.readTree(wechat.lastRequest().body())
                        .path("component_appid")
                        .asString())
                .isEqualTo(COMPONENT);
    }

    @Test
    void queryAuthReadsTheAuthorizationInfoWithItsPermissions() {
        wechat.answer("{\"authorization_info\":{\"authorizer_appid\":\"" + AUTHORIZER + "\","
                + "\"authorizer_access_token\":\"" + ACCESS + "\",\"expires_in\":7200,"
                + "\"authorizer_refresh_token\":\"" + REFRESH + "\",\"func_info\":["
                + "{\"funcscope_category\":{\"id\":1}},{\"funcscope_category\":{\"id\":15}}]}}");

        Authorization authorization = component
                .queryAuth(COMPONENT_TOKEN, COMPONENT, "queryauthcode@@@x")
                .block();

        assertThat(authorization.authorizerAppId()).isEqualTo(AUTHORIZER);
        assertThat(authorization.accessToken()).isEqualTo(ACCESS);
        assertThat(authorization.expiresIn()).isEqualTo(Duration.ofHours(2));
        assertThat(authorization.refreshToken()).isEqualTo(REFRESH);
        assertThat(authorization.funcScopes()).containsExactly(1, 15);
        assertThat(authorization.toString())
                .contains(AUTHORIZER)
                .doesNotContain(ACCESS)
                .doesNotContain(REFRESH);
        assertThat(wechat.lastRequest().uri()).startsWith("/cgi-bin/component/api_query_auth?component_access_token=");
        assertThat(json.readTree(wechat.lastRequest().body())
                        .path("authorization_code")
                        .asString())
                .isEqualTo("queryauthcode@@@x");
    }

    @Test
    void authorizerTokenReturnsTheRotatedRefreshToken() {
        wechat.answer("{\"authorizer_access_token\":\"" + ACCESS + "\",\"expires_in\":7200,"
                + "\"authorizer_refresh_token\":\"" + ROTATED + "\"}");

        AuthorizerToken token = component
                .authorizerToken(COMPONENT_TOKEN, COMPONENT, AUTHORIZER, REFRESH)
                .block();

        assertThat(token.accessToken()).isEqualTo(ACCESS);
        assertThat(token.refreshToken()).isEqualTo(ROTATED);
        assertThat(token.toString()).doesNotContain(ACCESS).doesNotContain(ROTATED);
        JsonNode body = json.readTree(wechat.lastRequest().body());
        assertThat(body.path("authorizer_appid").asString()).isEqualTo(AUTHORIZER);
        assertThat(body.path("authorizer_refresh_token").asString()).isEqualTo(REFRESH);
    }

    @Test
    void anAnswerWithoutARefreshTokenKeepsTheOneSent() {
        wechat.answer("{\"authorizer_access_token\":\"" + ACCESS + "\",\"expires_in\":7200}");

        AuthorizerToken token = component
                .authorizerToken(COMPONENT_TOKEN, COMPONENT, AUTHORIZER, REFRESH)
                .block();

        assertThat(token.refreshToken()).isEqualTo(REFRESH);
    }

    @Test
    void aLostRefreshTokenNeedsReauthorizationAndIsNeverInTheMessage() {
        wechat.answer("{\"errcode\":61023,\"errmsg\":\"refresh_token is invalid: " + REFRESH + "\"}");

        WeChatApiException error = failure(component.authorizerToken(COMPONENT_TOKEN, COMPONENT, AUTHORIZER, REFRESH));

        assertThat(error.errcode()).isEqualTo(61023);
        assertThat(error.category()).isEqualTo(ErrorCategory.CONFIGURATION);
        assertThat(AttentionReason.of(error.errcode())).contains(AttentionReason.NEEDS_REAUTHORIZATION);
        assertThat(error.appId()).isEqualTo(AUTHORIZER);
        assertThat(error.getMessage()).doesNotContain(REFRESH).doesNotContain(COMPONENT_TOKEN);
    }

    @Test
    void authorizerInfoReadsTypeVerificationPermissionsAndTheCurrentRefreshToken() {
        wechat.answer("{\"authorizer_info\":{\"nick_name\":\"微信SDK Demo\",\"head_img\":\"http://x/0\","
                + "\"service_type_info\":{\"id\":2},\"verify_type_info\":{\"id\":0},\"user_name\":\"gh_eb5e3a772040\","
                + "\"alias\":\"paytest01\",\"business_info\":{\"open_pay\":1}},"
                + "\"authorization_info\":{\"authorizer_appid\":\"" + AUTHORIZER + "\","
                + "\"authorizer_refresh_token\":\"" + ROTATED + "\","
                + "\"func_info\":[{\"funcscope_category\":{\"id\":1}},{\"funcscope_category\":{\"id\":2}}]}}");

        AuthorizerInfo info =
                component.authorizerInfo(COMPONENT_TOKEN, COMPONENT, AUTHORIZER).block();

        assertThat(info)
                .isEqualTo(new AuthorizerInfo(
                        AUTHORIZER, "微信SDK Demo", 2, 0, "gh_eb5e3a772040", "paytest01", ROTATED, List.of(1, 2)));
        assertThat(info.serviceAccount()).isTrue();
        assertThat(info.verified()).isTrue();
        assertThat(info.toString()).doesNotContain(ROTATED);
    }

    @Test
    void anUnverifiedSubscriptionAccountIsNeitherServiceNorVerified() {
        wechat.answer("{\"authorizer_info\":{\"nick_name\":\"n\",\"service_type_info\":{\"id\":0},"
                + "\"verify_type_info\":{\"id\":-1},\"user_name\":\"gh_1\"},"
                + "\"authorization_info\":{\"authorizer_appid\":\"" + AUTHORIZER + "\",\"func_info\":[]}}");

        AuthorizerInfo info =
                component.authorizerInfo(COMPONENT_TOKEN, COMPONENT, AUTHORIZER).block();

        assertThat(info.serviceAccount()).isFalse();
        assertThat(info.verified()).isFalse();
        assertThat(info.funcScopes()).isEmpty();
    }

    @Test
    void anAnswerWithoutAuthorizationInfoIsAnUnexpectedResponse() {
        wechat.answer("{\"errcode\":0,\"errmsg\":\"ok\"}");

        WeChatApiException error = failure(component.queryAuth(COMPONENT_TOKEN, COMPONENT, "code"));

        assertThat(error.errcode()).isEqualTo(ErrorCodes.UNEXPECTED_RESPONSE);
        assertThat(error.api()).isEqualTo("/cgi-bin/component/api_query_auth");
    }

    @Test
    void theLoginPageUrlEncodesTheRedirectUri() {
        String url = ComponentApi.loginPageUrl(
                "https://mp.weixin.qq.com/",
                COMPONENT,
                "preauthcode@@@x",
                "https://platform.example/connect/v1/authorizations/a1/return?x=1&y=2",
                1);

        assertThat(url)
                .isEqualTo("https://mp.weixin.qq.com/cgi-bin/componentloginpage?component_appid=" + COMPONENT
                        + "&pre_auth_code=preauthcode%40%40%40x"
                        + "&redirect_uri=https%3A%2F%2Fplatform.example%2Fconnect%2Fv1%2Fauthorizations%2Fa1%2Freturn%3Fx%3D1%26y%3D2"
                        + "&auth_type=1");
    }

    private static WeChatApiException failure(Mono<?> call) {
        return catchThrowableOfType(WeChatApiException.class, call::block);
    }
}
