package io.wxplatform.user.follower;

import io.wxplatform.support.accounts.AccountDirectory;
import io.wxplatform.support.security.TenantAccess;
import io.wxplatform.support.web.ApiException;
import io.wxplatform.support.web.Page;
import io.wxplatform.support.web.Paging;
import java.time.Instant;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Followers of one account, visible only to the tenant that owns it (admins and viewers) and to operators. Who owns
 * the account is token-service's word ({@link AccountDirectory}, fed by wx.account.v1), never the follower records:
 * a just registered account lists no followers, and another tenant's, a deleted or an unknown account answers 404
 * {@code ACCOUNT_NOT_FOUND} alike. Listings filter by subscription, tag, WeChat's subscribe scene, QR scene and
 * subscribe-time range ({@code subscribedFrom} inclusive, {@code subscribedBefore} exclusive, ISO-8601), paged.
 */
@RestController
@RequestMapping("/api/v1/tenants/{tenantId}/accounts/{appId}/followers")
class FollowersController {

    private final FollowerRegistry registry;
    private final AccountDirectory accounts;

    FollowersController(FollowerRegistry registry, AccountDirectory accounts) {
        this.registry = registry;
        this.accounts = accounts;
    }

    @GetMapping
    Mono<Page<Follower>> list(
            @PathVariable String tenantId,
            @PathVariable String appId,
            @RequestParam(required = false) Boolean subscribed,
            @RequestParam(required = false) Integer tagId,
            @RequestParam(required = false) String subscribeScene,
            @RequestParam(required = false) String qrScene,
            @RequestParam(required = false) Instant subscribedFrom,
            @RequestParam(required = false) Instant subscribedBefore,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        Paging paging = Paging.of(page, size);
        FollowerFilter filter =
                new FollowerFilter(subscribed, tagId, subscribeScene, qrScene, subscribedFrom, subscribedBefore);
        return TenantAccess.read(tenantId)
                .then(ownedAccount(tenantId, appId))
                .flatMap(owner -> Mono.zip(
                        registry.list(tenantId, appId, filter, paging.skip(), paging.size())
                                .collectList(),
                        registry.count(tenantId, appId, filter)))
                .map(found -> Page.of(found.getT1(), paging, found.getT2()));
    }

    @GetMapping("/{openId}")
    Mono<Follower> get(@PathVariable String tenantId, @PathVariable String appId, @PathVariable String openId) {
        return TenantAccess.read(tenantId)
                .then(ownedAccount(tenantId, appId))
                .flatMap(owner -> registry.find(appId, openId))
                .filter(follower -> tenantId.equals(follower.tenantId()))
                .switchIfEmpty(Mono.error(() -> new ApiException(
                        HttpStatus.NOT_FOUND, "FOLLOWER_NOT_FOUND", "No follower " + openId + " of " + appId)));
    }

    private Mono<String> ownedAccount(String tenantId, String appId) {
        return accounts.ownedBy(tenantId, appId)
                .switchIfEmpty(Mono.error(() -> new ApiException(
                        HttpStatus.NOT_FOUND, "ACCOUNT_NOT_FOUND", "No account " + appId + " in tenant " + tenantId)));
    }
}
