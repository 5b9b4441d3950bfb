package io.wxplatform.user.location;

import io.wxplatform.support.accounts.WeChatAccounts;
import io.wxplatform.support.security.TenantAccess;
import io.wxplatform.support.web.ApiException;
import io.wxplatform.support.web.Page;
import io.wxplatform.support.web.Paging;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Followers' locations from their LOCATION events (service accounts whose followers agreed to share them). Read only,
 * no WeChat call: WeChat pushes them, nothing asks.
 */
@RestController
@RequestMapping("/api/v1/tenants/{tenantId}/accounts/{appId}")
class LocationsController {

    private final WeChatAccounts accounts;
    private final LocationHistory locations;

    LocationsController(WeChatAccounts accounts, LocationHistory locations) {
        this.accounts = accounts;
        this.locations = locations;
    }

    @GetMapping("/followers/{openId}/location")
    Mono<FollowerLocation> follower(
            @PathVariable String tenantId, @PathVariable String appId, @PathVariable String openId) {
        return TenantAccess.read(tenantId)
                .then(accounts.owned(tenantId, appId))
                .then(locations.find(tenantId, appId, openId))
                .switchIfEmpty(Mono.error(() -> ApiException.notFound(
                        "LOCATION_NOT_FOUND", "No location reported by " + openId + " of " + appId)));
    }

    @GetMapping("/locations")
    Mono<Page<FollowerLocation>> latest(
            @PathVariable String tenantId,
            @PathVariable String appId,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        Paging paging = Paging.of(page, size);
        return TenantAccess.read(tenantId)
                .then(accounts.owned(tenantId, appId))
                .then(Mono.zip(
                        locations
                                .latest(tenantId, appId, paging.skip(), paging.size())
                                .collectList(),
                        locations.count(tenantId, appId)))
                .map(found -> Page.of(found.getT1(), paging, found.getT2()));
    }
}
