package io.wxplatform.messaging.send;

import io.wxplatform.support.accounts.AccountDirectory;
import io.wxplatform.support.security.TenantAccess;
import io.wxplatform.support.web.ApiException;
import io.wxplatform.support.web.Page;
import io.wxplatform.support.web.Paging;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Outbound messages of one account, visible only to the tenant that owns it (as token-service announced). */
@RestController
class MessagesController {

    private final OutboundMessages outbound;
    private final AccountDirectory accounts;

    MessagesController(OutboundMessages outbound, AccountDirectory accounts) {
        this.outbound = outbound;
        this.accounts = accounts;
    }

    @GetMapping("/api/v1/tenants/{tenantId}/accounts/{appId}/messages")
    Mono<Page<OutboundMessage>> list(
            @PathVariable String tenantId,
            @PathVariable String appId,
            @RequestParam(required = false) String openId,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        Paging paging = Paging.of(page, size);
        return TenantAccess.read(tenantId)
                .then(accounts.ownedBy(tenantId, appId))
                .switchIfEmpty(Mono.error(() -> new ApiException(
                        HttpStatus.NOT_FOUND, "ACCOUNT_NOT_FOUND", "No account " + appId + " in tenant " + tenantId)))
                .flatMap(owner -> Mono.zip(
                        outbound.find(tenantId, appId, openId, paging.skip(), paging.size())
                                .collectList(),
                        outbound.count(tenantId, appId, openId)))
                .map(found -> Page.of(found.getT1(), paging, found.getT2()));
    }
}
