package io.wxplatform.sandbox.token;

import java.util.Optional;

/**
 * Access tokens the sandbox issued somewhere other than {@code /cgi-bin/token} (an authorizer's, from the component
 * API), so that every {@code /cgi-bin} API that checks tokens through {@link TokenStore#appIdOf(String)} accepts them.
 */
public interface ForeignAccessTokens {

    /** The appId the token acts for, empty if it is not one of these; a WeChat error once it has expired. */
    Optional<String> appIdOf(String accessToken);
}
