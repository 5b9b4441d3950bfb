package io.wxplatform.token.tenant;

import io.wxplatform.support.web.ApiException;
import org.springframework.stereotype.Component;

import reactor.core.publisher.Mono;

/**
 * The one gate every tenant-scoped request passes: today it checks that the tenant exists; the caller's JWT tenant
 * claim will be checked here too, so no endpoint can forget it.
 */
@Component
public class TenantScope {

    private final TenantRepository tenants;

    TenantScope(TenantRepository tenants) {
        this.tenants = tenants;
    }

    public Mono<Tenant> require(String tenantId) {
        return tenants.find(tenantId)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("TENANT_NOT_FOUND", "no tenant " + tenantId)));
    }
}
