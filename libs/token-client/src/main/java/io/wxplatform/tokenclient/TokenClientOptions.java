package io.wxplatform.tokenclient;

import java.time.Duration;

/**
 * @param refreshMargin a cached token is used until this long before it expires, then loaded again
 * @param requestTimeout deadline for one call to token-service
 */
public record TokenClientOptions(Duration refreshMargin, Duration requestTimeout) {

    public static TokenClientOptions defaults() {
        return new TokenClientOptions(Duration.ofSeconds(60), Duration.ofSeconds(5));
    }
}
