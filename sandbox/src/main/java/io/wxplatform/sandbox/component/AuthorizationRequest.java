package io.wxplatform.sandbox.component;

import io.wxplatform.sandbox.account.AccountType;
import java.util.List;

/**
 * Body of {@code POST /sandbox/components/{c}/authorizations}: the account owner approves on the login page.
 * {@code funcScopes} defaults to [1, 2, 3, 4] (messages, users, account, web pages); {@code redirect} and
 * {@code push} default to true.
 */
record AuthorizationRequest(
        String preAuthCode,
        String authorizerAppId,
        String name,
        AccountType type,
        Boolean verified,
        List<Integer> funcScopes,
        Boolean redirect,
        Boolean push) {

    private static final List<Integer> DEFAULT_SCOPES = List.of(1, 2, 3, 4);

    AuthorizationRequest {
        funcScopes = funcScopes == null ? DEFAULT_SCOPES : List.copyOf(funcScopes);
        redirect = redirect == null || redirect;
        push = push == null || push;
    }

    void validate() {
        ComponentPlatform.require(preAuthCode, "preAuthCode");
        ComponentPlatform.require(authorizerAppId, "authorizerAppId");
    }
}
