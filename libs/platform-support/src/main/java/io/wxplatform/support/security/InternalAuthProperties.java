package io.wxplatform.support.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param authToken         the shared service credential for {@code /internal/**}: presented by callers, accepted by
 *                          every service; deliberately without a default here (the services' application.yml has
 *                          the public development value, which only {@link DevDefaults} allows)
 * @param acceptedAuthToken a second credential accepted (never presented) while the credential is rotated without
 *                          downtime (docs/operations.md); unset otherwise
 */
@ConfigurationProperties("wxplatform.internal")
public record InternalAuthProperties(String authToken, String acceptedAuthToken) {

    public boolean configured() {
        return authToken != null && !authToken.isBlank();
    }

    boolean rotating() {
        return acceptedAuthToken != null && !acceptedAuthToken.isBlank();
    }

    boolean usesPublicDevelopmentValue() {
        return DevDefaults.INTERNAL_AUTH_TOKEN.equals(authToken)
                || DevDefaults.INTERNAL_AUTH_TOKEN.equals(acceptedAuthToken);
    }

    @Override
    public String toString() {
        return "InternalAuthProperties[authToken=" + (configured() ? "<set>" : "<missing>") + ", acceptedAuthToken="
                + (rotating() ? "<set>" : "<unset>") + "]";
    }
}
