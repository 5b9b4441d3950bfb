package io.wxplatform.support.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The service credential a caller of {@code /internal/**} must present ({@code Authorization: Bearer <token>}): the
 * configured one or, during a rotation, the second accepted one. {@link InternalAuthWebFilter} checks it for every
 * internal request; a handler that answers ahead of WebFlux (token-service's lookup fast path) checks it with the
 * same bean, so both accept and refuse exactly the same callers.
 */
public final class ServiceCredential {

    private static final String BEARER = "bearer ";

    private final byte[] expectedDigest;
    private final byte[] acceptedDigest;

    public ServiceCredential(InternalAuthProperties properties) {
        this.expectedDigest = properties.configured() ? sha256(properties.authToken()) : null;
        this.acceptedDigest = properties.rotating() ? sha256(properties.acceptedAuthToken()) : null;
    }

    /**
     * Whether an {@code Authorization} header value presents the credential. Compares digests in constant time, so
     * neither the content nor the length of the token leaks; both credentials are always compared, so neither does
     * which one matched.
     */
    public boolean presentedIn(String authorization) {
        if (expectedDigest == null
                || authorization == null
                || authorization.length() <= BEARER.length()
                || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return false;
        }
        byte[] presented = sha256(authorization.substring(BEARER.length()).trim());
        boolean current = MessageDigest.isEqual(expectedDigest, presented);
        boolean accepted = MessageDigest.isEqual(acceptedDigest == null ? expectedDigest : acceptedDigest, presented);
        return current | accepted;
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
