package io.wxplatform.token.tenant;

import io.wxplatform.support.security.TenantAccess;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Whether a tenant exists. Controllers check the caller first ({@link io.wxplatform.support.security.TenantAccess}),
 * and both answer an unknown tenant and another tenant's with the same 404.
 */
@Component
public class TenantScope {

    private final TenantRepository tenants;

    TenantScope(TenantRepository tenants) {
        this.tenants = tenants;
    }

    public Mono<Tenant> require(String tenantId) {
        return tenants.find(tenantId).switchIfEmpty(Mono.error(() -> TenantAccess.unknownTenant(tenantId)));
    }
}
