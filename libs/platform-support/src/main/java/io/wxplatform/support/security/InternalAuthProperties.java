package io.wxplatform.support.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param authToken the shared service credential for {@code /internal/**}; deliberately without a default here, so a
 *                  service that forgets it rejects every internal call instead of accepting a well-known token
 */
@ConfigurationProperties("wxplatform.internal")
public record InternalAuthProperties(String authToken) {

    public boolean configured() {
        return authToken != null && !authToken.isBlank();
    }

    @Override
    public String toString() {
        return "InternalAuthProperties[authToken=" + (configured() ? "<set>" : "<missing>") + "]";
    }
}
