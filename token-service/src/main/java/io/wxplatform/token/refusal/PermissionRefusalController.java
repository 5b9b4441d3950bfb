package io.wxplatform.token.refusal;

import io.wxplatform.support.security.TenantAccess;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * WeChat's permission refusals on the account: every service reports them here (internal API, from token-client's
 * {@code withToken}, whatever the call: sends, menus, media, tags, QR codes, agents, …) and the tenant reads them on
 * its account, so it sees that the type or verification it declared (or the permission sets it granted) is wrong.
 */
@RestController
class PermissionRefusalController {

    private final PermissionRefusals refusals;

    PermissionRefusalController(PermissionRefusals refusals) {
        this.refusals = refusals;
    }

    @PostMapping("/internal/v1/accounts/{appId}/permission-refusals")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> report(@PathVariable String appId, @RequestBody PermissionRefusalReport report) {
        return refusals.record(appId, report);
    }

    @GetMapping("/api/v1/tenants/{tenantId}/accounts/{appId}/permission-refusals")
    Flux<PermissionRefusalView> list(@PathVariable String tenantId, @PathVariable String appId) {
        return TenantAccess.read(tenantId).thenMany(refusals.of(tenantId, appId));
    }
}
