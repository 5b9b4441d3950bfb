package io.wxplatform.gateway.ratelimit;

import java.util.Collection;
import org.springframework.security.oauth2.jwt.Jwt;

/** Whose budget a request spends: its tenant's, or an operator's own (operators have no tenant). */
public record RateLimitKey(String id, Kind kind) {

    public enum Kind {
        TENANT,
        OPERATOR,
        /** A token with neither tenant nor operator role: the services refuse it, but it still spends a budget. */
        SUBJECT
    }

    static final String OPERATOR_ROLE = "platform-operator";

    static RateLimitKey of(Jwt token) {
        Object roles = token.getClaims().get("roles");
        if (roles instanceof Collection<?> list && list.contains(OPERATOR_ROLE)) {
            return new RateLimitKey(String.valueOf(token.getSubject()), Kind.OPERATOR);
        }
        String tenant = token.getClaimAsString("tenant_id");
        if (tenant == null || tenant.isBlank()) {
            return new RateLimitKey(String.valueOf(token.getSubject()), Kind.SUBJECT);
        }
        return new RateLimitKey(tenant, Kind.TENANT);
    }

    /** The plan is part of the key: a tenant moved to another plan gets a bucket of the new size. */
    String bucket(String plan) {
        return kind.name().toLowerCase(java.util.Locale.ROOT) + ":" + id + "@" + plan;
    }
}
