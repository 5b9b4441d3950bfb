package io.wxplatform.support.security;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Who sent a request, as its validated token says.
 *
 * @param subject  the token's {@code sub}
 * @param tenantId the token's {@code tenant_id}; null for a platform operator without a tenant
 * @param roles    the known roles of {@code roles} and Keycloak's {@code realm_access.roles}
 */
public record Caller(String subject, String tenantId, Set<Role> roles) {

    public static final String TENANT_CLAIM = "tenant_id";
    public static final String ROLES_CLAIM = "roles";
    private static final String KEYCLOAK_REALM_ACCESS = "realm_access";

    public Caller {
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
    }

    public static Caller of(Jwt jwt) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        addRoles(jwt.getClaims().get(ROLES_CLAIM), roles);
        if (jwt.getClaims().get(KEYCLOAK_REALM_ACCESS) instanceof Map<?, ?> realmAccess) {
            addRoles(realmAccess.get(ROLES_CLAIM), roles);
        }
        String tenantId = jwt.getClaimAsString(TENANT_CLAIM);
        return new Caller(jwt.getSubject(), tenantId == null || tenantId.isBlank() ? null : tenantId, roles);
    }

    public boolean operator() {
        return roles.contains(Role.PLATFORM_OPERATOR);
    }

    /** Reads are for the tenant's admins and viewers, and for operators. */
    public boolean canRead(String tenant) {
        return operator()
                || ofTenant(tenant) && (roles.contains(Role.TENANT_ADMIN) || roles.contains(Role.TENANT_VIEWER));
    }

    public boolean canWrite(String tenant) {
        return operator() || ofTenant(tenant) && roles.contains(Role.TENANT_ADMIN);
    }

    /** Whether the tenant is this caller's own; tenant roles never reach another tenant. */
    public boolean ofTenant(String tenant) {
        return tenantId != null && tenantId.equals(tenant);
    }

    /** Accepts a JSON array of names or, as some issuers emit, one space- or comma-separated string. */
    private static void addRoles(Object claim, Set<Role> roles) {
        if (claim instanceof Collection<?> names) {
            names.forEach(name -> Role.fromClaim(String.valueOf(name)).ifPresent(roles::add));
        } else if (claim instanceof String names) {
            for (String name : names.split("[\\s,]+")) {
                Role.fromClaim(name).ifPresent(roles::add);
            }
        }
    }
}
