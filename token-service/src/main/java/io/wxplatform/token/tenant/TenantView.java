package io.wxplatform.token.tenant;

import java.time.Instant;

record TenantView(String id, String name, Instant createdAt) {

    static TenantView of(Tenant tenant) {
        return new TenantView(tenant.id(), tenant.name(), tenant.createdAt());
    }
}
