package io.wxplatform.token.internal;

import org.springframework.http.HttpHeaders;

/**
 * The response headers Spring Security's defaults add to every answer of the security chain, for an answer given
 * ahead of it ({@link AccessTokenLookup}); {@code InternalApiIT} compares both answers header by header.
 */
final class SecurityHeaders {

    private SecurityHeaders() {}

    static void addTo(HttpHeaders headers) {
        headers.set(HttpHeaders.CACHE_CONTROL, "no-cache, no-store, max-age=0, must-revalidate");
        headers.set(HttpHeaders.PRAGMA, "no-cache");
        headers.set(HttpHeaders.EXPIRES, "0");
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("X-Frame-Options", "DENY");
        headers.set("X-XSS-Protection", "0");
        headers.set("Referrer-Policy", "no-referrer");
    }
}
