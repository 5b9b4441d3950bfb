package io.wxplatform.testkit.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A JWT issuer for tests and the local platform: an RSA key, and a tiny HTTP server publishing its JWKS and OpenID
 * discovery document, so services validate its tokens exactly as they would a company's Keycloak.
 *
 * <p>Tokens carry {@code iss}, {@code sub}, {@code iat}, {@code exp}, {@code jti}, {@code tenant_id} (absent for
 * operators) and {@code roles}.
 */
public final class TestIssuer implements AutoCloseable {

    public static final String TENANT_ADMIN = "tenant-admin";
    public static final String TENANT_VIEWER = "tenant-viewer";
    public static final String PLATFORM_OPERATOR = "platform-operator";

    private static final Duration DEFAULT_TTL = Duration.ofHours(1);

    private final RSAKey key;
    private final IssuerEndpoints endpoints;
    private final String issuer;

    private TestIssuer(RSAKey key, int port) {
        this.key = key;
        this.endpoints = IssuerEndpoints.start(port, new JWKSet(key.toPublicJWK()).toJSONObject());
        this.issuer = "http://127.0.0.1:" + endpoints.port();
    }

    /** The process-wide issuer most tests share. */
    public static TestIssuer shared() {
        return Shared.INSTANCE;
    }

    /** A new issuer with its own key and port: tokens from it are foreign to every other issuer. */
    public static TestIssuer start() {
        return new TestIssuer(SigningKey.generate(), 0);
    }

    /** An issuer on a fixed port whose key is kept in {@code keyFile}, so tokens survive restarts. */
    public static TestIssuer start(int port, Path keyFile) {
        return new TestIssuer(SigningKey.loadOrCreate(keyFile), port);
    }

    /** Signs a token with the persisted key without serving anything (for a command that only mints). */
    public static String mintOffline(Path keyFile, String issuer, String tenantId, Duration ttl, String... roles) {
        return sign(SigningKey.loadOrCreate(keyFile), issuer, tenantClaims(tenantId, roles), ttl);
    }

    /** A token for a user of {@code tenantId} with {@code roles}; a null tenant mints a token without tenant_id. */
    public String mint(String tenantId, String... roles) {
        return mint(tenantClaims(tenantId, roles), DEFAULT_TTL);
    }

    /** A platform operator's token (no tenant). */
    public String operator() {
        return mint(null, PLATFORM_OPERATOR);
    }

    /**
     * A token with exactly these claims on top of the defaults ({@code iss}, {@code sub}, {@code iat}, {@code exp},
     * {@code jti}), which {@code claims} may override; a negative {@code ttl} mints an expired token.
     */
    public String mint(Map<String, Object> claims, Duration ttl) {
        return sign(key, issuer, claims, ttl);
    }

    public String issuer() {
        return issuer;
    }

    public String jwkSetUri() {
        return issuer + IssuerEndpoints.JWKS_PATH;
    }

    /** The properties a service needs to trust this issuer. */
    public Map<String, String> serviceProperties() {
        return Map.of(
                "spring.security.oauth2.resourceserver.jwt.issuer-uri",
                issuer,
                "spring.security.oauth2.resourceserver.jwt.jwk-set-uri",
                jwkSetUri());
    }

    @Override
    public void close() {
        if (this != Shared.INSTANCE) {
            endpoints.stop();
        }
    }

    private static Map<String, Object> tenantClaims(String tenantId, String... roles) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", (tenantId == null ? "operator" : tenantId) + "-" + String.join("+", roles));
        if (tenantId != null) {
            claims.put("tenant_id", tenantId);
        }
        claims.put("roles", List.of(roles));
        return claims;
    }

    private static String sign(RSAKey key, String issuer, Map<String, Object> claims, Duration ttl) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject("test-user")
                .issueTime(Date.from(ttl.isNegative() ? now.plus(ttl).minusSeconds(60) : now))
                .expirationTime(Date.from(now.plus(ttl)))
                .jwtID(UUID.randomUUID().toString());
        claims.forEach(builder::claim);
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256)
                            .keyID(key.getKeyID())
                            .type(JOSEObjectType.JWT)
                            .build(),
                    builder.build());
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign a token", e);
        }
    }

    private static final class Shared {
        static final TestIssuer INSTANCE = start();
    }
}
