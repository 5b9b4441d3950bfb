package io.wxplatform.tokenclient;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where token-service is and how its tokens are kept; {@code wxplatform.token-service.*}. The service credential is
 * the platform-wide {@code wxplatform.internal.auth-token}.
 *
 * @param url            {@code url}: token-service's base URL; without it there is no {@link TokenClient} bean
 * @param refreshMargin  {@code refresh-margin}: a cached token is used until this long before it expires (60 s)
 * @param requestTimeout {@code request-timeout}: deadline for one call to token-service (5 s)
 */
@ConfigurationProperties("wxplatform.token-service")
public record TokenClientProperties(URI url, Duration refreshMargin, Duration requestTimeout) {

    public TokenClientProperties {
        refreshMargin = refreshMargin == null ? TokenClientOptions.defaults().refreshMargin() : refreshMargin;
        requestTimeout = requestTimeout == null ? TokenClientOptions.defaults().requestTimeout() : requestTimeout;
    }

    public TokenClientOptions options() {
        return new TokenClientOptions(refreshMargin, requestTimeout);
    }
}
