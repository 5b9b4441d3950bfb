package io.wxplatform.support.security;

import java.util.Optional;

/** The roles a token may grant; any other role name in a token is ignored. */
public enum Role {
    TENANT_ADMIN("tenant-admin"),
    TENANT_VIEWER("tenant-viewer"),
    PLATFORM_OPERATOR("platform-operator");

    private final String claim;

    Role(String claim) {
        this.claim = claim;
    }

    /** The name as it appears in the token's {@code roles} claim. */
    public String claim() {
        return claim;
    }

    public static Optional<Role> fromClaim(String value) {
        for (Role role : values()) {
            if (role.claim.equals(value)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
