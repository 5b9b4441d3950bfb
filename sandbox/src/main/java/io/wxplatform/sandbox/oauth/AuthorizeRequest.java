package io.wxplatform.sandbox.oauth;

import io.wxplatform.sandbox.account.Account;
import io.wxplatform.sandbox.account.AccountRegistry;
import io.wxplatform.sandbox.web.SandboxProblem;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.springframework.util.MultiValueMap;

/**
 * The parameters of {@code /connect/oauth2/authorize}, checked as WeChat's page checks them before it shows itself:
 * a known appid, a redirect_uri, {@code response_type=code}, a known scope, a state of at most 128 bytes, and a
 * {@code component_appid} only when the account authorized that component.
 */
record AuthorizeRequest(String appId, String redirectUri, String scope, String state, String componentAppId) {

    private static final Set<String> SCOPES = Set.of("snsapi_base", "snsapi_userinfo");

    static AuthorizeRequest of(MultiValueMap<String, String> query, AccountRegistry accounts) {
        AuthorizeRequest request = new AuthorizeRequest(
                query.getFirst("appid"),
                query.getFirst("redirect_uri"),
                query.getFirst("scope"),
                query.getFirst("state"),
                query.getFirst("component_appid"));
        Account account = accounts.find(request.appId())
                .orElseThrow(() -> SandboxProblem.badRequest("appid " + request.appId() + " is unknown (40013)"));
        if (!"code".equals(query.getFirst("response_type"))) {
            throw SandboxProblem.badRequest("response_type must be code");
        }
        if (!SCOPES.contains(request.scope())) {
            throw SandboxProblem.badRequest("scope must be snsapi_base or snsapi_userinfo (40066)");
        }
        if (request.redirectUri() == null || !URI.create(request.redirectUri()).isAbsolute()) {
            throw SandboxProblem.badRequest("redirect_uri 参数错误 (10003)");
        }
        if (request.state() != null && request.state().getBytes(StandardCharsets.UTF_8).length > 128) {
            throw SandboxProblem.badRequest("state longer than 128 bytes");
        }
        if (request.componentAppId() != null && !request.componentAppId().equals(account.componentAppId())) {
            throw SandboxProblem.badRequest(
                    "component_appid " + request.componentAppId() + " is not authorized by " + request.appId());
        }
        return request;
    }
}
