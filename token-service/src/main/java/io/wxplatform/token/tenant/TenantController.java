package io.wxplatform.token.tenant;

import io.wxplatform.support.security.TenantAccess;
import io.wxplatform.support.web.ApiException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
class TenantController {

    private final TenantRepository tenants;
    private final TenantScope scope;
    private final Clock clock;

    TenantController(TenantRepository tenants, TenantScope scope, Clock clock) {
        this.tenants = tenants;
        this.scope = scope;
        this.clock = clock;
    }

    /** Tenants are created by platform operators; a tenant's users see only their own. */
    @PostMapping("/api/v1/tenants")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<TenantView> create(@RequestBody TenantRequest request) {
        Map<String, String> violations = request.violations();
        if (!violations.isEmpty()) {
            return Mono.error(ApiException.validation(violations));
        }
        Tenant tenant =
                new Tenant(request.id(), request.name().strip(), clock.instant().truncatedTo(ChronoUnit.MILLIS));
        return TenantAccess.operator()
                .then(tenants.insert(tenant))
                .flatMap(inserted -> inserted
                        ? Mono.just(TenantView.of(tenant))
                        : Mono.error(ApiException.conflict("TENANT_EXISTS", "tenant " + tenant.id() + " exists")));
    }

    @GetMapping("/api/v1/tenants/{tenantId}")
    Mono<TenantView> get(@PathVariable String tenantId) {
        return TenantAccess.read(tenantId).then(scope.require(tenantId)).map(TenantView::of);
    }
}
