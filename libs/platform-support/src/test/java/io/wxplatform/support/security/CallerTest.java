package io.wxplatform.support.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;

class CallerTest {

    @Test
    void rolesComeFromTheRolesClaimAndKeycloaksRealmAccessIgnoringUnknownNames() {
        Caller caller = Caller.of(jwt(Map.of(
                "tenant_id",
                "acme",
                "roles",
                List.of("tenant-viewer", "uma_authorization"),
                "realm_access",
                Map.of("roles", List.of("tenant-admin")))));

        assertThat(caller.roles()).containsExactlyInAnyOrder(Role.TENANT_VIEWER, Role.TENANT_ADMIN);
        assertThat(caller.tenantId()).isEqualTo("acme");
        assertThat(caller.subject()).isEqualTo("someone");
    }

    @Test
    void aSpaceSeparatedRolesStringIsAccepted() {
        assertThat(Caller.of(jwt(Map.of("roles", "tenant-admin platform-operator")))
                        .roles())
                .containsExactlyInAnyOrder(Role.TENANT_ADMIN, Role.PLATFORM_OPERATOR);
    }

    @Test
    void tenantRolesNeverReachAnotherTenant() {
        Caller admin = new Caller("a", "acme", java.util.Set.of(Role.TENANT_ADMIN));
        Caller viewer = new Caller("v", "acme", java.util.Set.of(Role.TENANT_VIEWER));
        Caller tenantless = new Caller("t", null, java.util.Set.of(Role.TENANT_ADMIN));

        assertThat(admin.canWrite("acme")).isTrue();
        assertThat(admin.canRead("globex")).isFalse();
        assertThat(viewer.canRead("acme")).isTrue();
        assertThat(viewer.canWrite("acme")).isFalse();
        assertThat(tenantless.canRead("acme")).isFalse();
    }

    @Test
    void operatorsActOnEveryTenant() {
        Caller operator = Caller.of(jwt(Map.of("roles", List.of("platform-operator"))));

        assertThat(operator.tenantId()).isNull();
        assertThat(operator.canWrite("globex")).isTrue();
    }

    private static Jwt jwt(Map<String, Object> claims) {
        Jwt.Builder builder = Jwt.withTokenValue("t")
                .header("alg", "RS256")
                .subject("someone")
                .issuedAt(Instant.now())
                .expiresAt(Instant.now().plusSeconds(60));
        claims.forEach(builder::claim);
        return builder.build();
    }
}
