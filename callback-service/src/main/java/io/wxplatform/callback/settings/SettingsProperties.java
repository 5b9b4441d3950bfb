package io.wxplatform.callback.settings;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where and how callback settings are fetched and kept.
 *
 * @param tokenServiceUrl base URL of token-service's internal API
 * @param authToken       service credential for the internal API
 * @param timeout         how long one lookup may take before the callback is answered 503
 * @param ttl             how long known settings are reused
 * @param negativeTtl     how long an unknown appId is remembered as unknown
 * @param maxAccounts     upper bound of cached accounts
 */
@ConfigurationProperties("wxplatform.callback.settings")
public record SettingsProperties(
        URI tokenServiceUrl, String authToken, Duration timeout, Duration ttl, Duration negativeTtl, long maxAccounts) {

    @Override
    public String toString() {
        return "SettingsProperties[tokenServiceUrl=" + tokenServiceUrl + ", timeout=" + timeout + ", ttl=" + ttl + "]";
    }
}
