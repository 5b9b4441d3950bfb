package io.wxplatform.token.account;

import io.wxplatform.support.security.TenantAccess;
import io.wxplatform.support.web.ApiException;
import io.wxplatform.token.tenant.TenantScope;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** A tenant's accounts: read by its admins and viewers, changed by its admins; operators reach every tenant. */
@RestController
@RequestMapping("/api/v1/tenants/{tenantId}/accounts")
class AccountController {

    private static final int MAX_PAGE_SIZE = 100;

    private final AccountRegistration registration;
    private final AccountLifecycle lifecycle;
    private final AccountRepository accounts;
    private final TenantScope tenants;

    AccountController(
            AccountRegistration registration,
            AccountLifecycle lifecycle,
            AccountRepository accounts,
            TenantScope tenants) {
        this.registration = registration;
        this.lifecycle = lifecycle;
        this.accounts = accounts;
        this.tenants = tenants;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Mono<AccountView> register(@PathVariable String tenantId, @RequestBody RegisterAccountRequest request) {
        return TenantAccess.write(tenantId)
                .then(registration.register(tenantId, request))
                .map(AccountView::of);
    }

    @GetMapping
    Mono<AccountPage> list(
            @PathVariable String tenantId,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
            return Mono.error(ApiException.validation(
                    Map.of(page < 0 ? "page" : "size", page < 0 ? "must be 0 or more" : "must be 1-" + MAX_PAGE_SIZE)));
        }
        return TenantAccess.read(tenantId)
                .then(tenants.require(tenantId))
                .then(Mono.zip(
                        accounts.pageOfTenant(tenantId, page, size)
                                .map(AccountView::of)
                                .collectList(),
                        accounts.countOfTenant(tenantId)))
                .map(result -> new AccountPage(result.getT1(), page, size, result.getT2()));
    }

    @GetMapping("/{appId}")
    Mono<AccountView> get(@PathVariable String tenantId, @PathVariable String appId) {
        return TenantAccess.read(tenantId)
                .then(tenants.require(tenantId))
                .then(accounts.findOfTenant(tenantId, appId))
                .map(AccountView::of)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("ACCOUNT_NOT_FOUND", "no account " + appId)));
    }

    @PatchMapping("/{appId}")
    Mono<AccountView> update(
            @PathVariable String tenantId, @PathVariable String appId, @RequestBody UpdateAccountRequest request) {
        return TenantAccess.write(tenantId)
                .then(lifecycle.update(tenantId, appId, request))
                .map(AccountView::of);
    }

    @PostMapping("/{appId}:suspend")
    Mono<AccountView> suspend(@PathVariable String tenantId, @PathVariable String appId) {
        return TenantAccess.write(tenantId)
                .then(lifecycle.suspend(tenantId, appId))
                .map(AccountView::of);
    }

    @PostMapping("/{appId}:resume")
    Mono<AccountView> resume(@PathVariable String tenantId, @PathVariable String appId) {
        return TenantAccess.write(tenantId)
                .then(lifecycle.resume(tenantId, appId))
                .map(AccountView::of);
    }

    @DeleteMapping("/{appId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> delete(@PathVariable String tenantId, @PathVariable String appId) {
        return TenantAccess.write(tenantId).then(lifecycle.delete(tenantId, appId));
    }
}
