package io.wxplatform.token.oauth;

/** Body of {@code POST /internal/v1/accounts/{appId}/oauth/exchange}: WeChat's web-authorization code. */
record OAuthExchangeRequest(String code) {

    @Override
    public String toString() {
        return "OAuthExchangeRequest[code=***]";
    }
}
