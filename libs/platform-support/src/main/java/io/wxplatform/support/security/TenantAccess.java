package io.wxplatform.support.security;

import io.wxplatform.support.web.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import reactor.core.publisher.Mono;

/**
 * The check every tenant-scoped endpoint makes first: {@code TenantAccess.read(tenantId).then(...)}. The tenant comes
 * only from the validated token: a tenant's users reach their own tenant, operators reach every tenant. Another
 * tenant answers exactly like an unknown one (404), a viewer that writes gets 403.
 */
public final class TenantAccess {

    public static final String UNAUTHENTICATED = "UNAUTHENTICATED";
    public static final String FORBIDDEN = "FORBIDDEN";
    public static final String TENANT_NOT_FOUND = "TENANT_NOT_FOUND";

    private TenantAccess() {}

    /** The caller of the current request, or 401 if there is none. */
    public static Mono<Caller> caller() {
        return ReactiveSecurityContextHolder.getContext()
                .map(SecurityContext::getAuthentication)
                .filter(JwtAuthenticationToken.class::isInstance)
                .map(authentication -> Caller.of(((JwtAuthenticationToken) authentication).getToken()))
                .switchIfEmpty(Mono.error(() ->
                        new ApiException(HttpStatus.UNAUTHORIZED, UNAUTHENTICATED, "A bearer token is required")));
    }

    /** A tenant's admin or viewer, or an operator. */
    public static Mono<Caller> read(String tenantId) {
        return caller().flatMap(caller -> check(caller, tenantId, caller.canRead(tenantId)));
    }

    /** A tenant's admin, or an operator. */
    public static Mono<Caller> write(String tenantId) {
        return caller().flatMap(caller -> check(caller, tenantId, caller.canWrite(tenantId)));
    }

    /** Platform operators only. */
    public static Mono<Caller> operator() {
        return caller().flatMap(caller -> caller.operator() ? Mono.just(caller) : Mono.error(forbidden()));
    }

    /** The one answer for a tenant that does not exist and for a tenant that is not the caller's. */
    public static ApiException unknownTenant(String tenantId) {
        return ApiException.notFound(TENANT_NOT_FOUND, "no tenant " + tenantId);
    }

    private static Mono<Caller> check(Caller caller, String tenantId, boolean allowed) {
        if (allowed) {
            return Mono.just(caller);
        }
        return Mono.error(caller.operator() || caller.ofTenant(tenantId) ? forbidden() : unknownTenant(tenantId));
    }

    private static ApiException forbidden() {
        return new ApiException(HttpStatus.FORBIDDEN, FORBIDDEN, "Your role does not allow this");
    }
}
