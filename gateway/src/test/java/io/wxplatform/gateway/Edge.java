package io.wxplatform.gateway;

import io.wxplatform.testkit.auth.TestIssuer;
import java.util.List;
import org.springframework.test.context.DynamicPropertyRegistry;

/** What every edge test needs: routes pointed at real HTTP servers, and trust in the test issuer. */
final class Edge {

    static final TestIssuer ISSUER = TestIssuer.shared();

    private Edge() {}

    static void configure(DynamicPropertyRegistry registry, List<DownstreamEcho> services) {
        services.forEach(echo -> registry.add("wxplatform." + echo.service() + ".url", echo::url));
        ISSUER.serviceProperties().forEach((key, value) -> registry.add(key, () -> value));
    }

    static String adminOf(String tenant) {
        return ISSUER.mint(tenant, TestIssuer.TENANT_ADMIN);
    }
}
