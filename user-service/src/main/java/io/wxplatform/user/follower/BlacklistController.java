package io.wxplatform.user.follower;

import io.wxplatform.support.accounts.WeChatAccounts;
import io.wxplatform.support.security.TenantAccess;
import io.wxplatform.tokenclient.TokenClient;
import io.wxplatform.wechat.api.ApiGroup;
import io.wxplatform.wechat.api.Limits;
import io.wxplatform.wechat.api.OpenIdPage;
import io.wxplatform.wechat.api.WeChatClient;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The account's blacklist, as WeChat keeps it (list paged by WeChat's cursor; add and remove in WeChat's batches of
 * 20), and follower remarks. Both pass the permission table first.
 */
@RestController
@RequestMapping("/api/v1/tenants/{tenantId}/accounts/{appId}")
class BlacklistController {

    record Remark(String remark) {}

    record Changed(int followers, int batches) {}

    private final WeChatAccounts accounts;
    private final TokenClient tokens;
    private final WeChatClient wechat;
    private final FollowerRegistry registry;

    BlacklistController(WeChatAccounts accounts, TokenClient tokens, WeChatClient wechat, FollowerRegistry registry) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.wechat = wechat;
        this.registry = registry;
    }

    /** One page of up to 10,000; {@code next} is where the following page starts, empty after the last. */
    @GetMapping("/blacklist")
    Mono<Map<String, Object>> list(
            @PathVariable String tenantId, @PathVariable String appId, @RequestParam(defaultValue = "") String after) {
        return TenantAccess.read(tenantId)
                .then(accounts.mayCall(tenantId, appId, ApiGroup.USER_TAGS))
                .then(tokens.withToken(appId, token -> wechat.tags().blacklist(appId, token, after)))
                .map(BlacklistController::page);
    }

    @PostMapping("/blacklist")
    Mono<Changed> block(
            @PathVariable String tenantId, @PathVariable String appId, @RequestBody TagsController.Followers request) {
        return change(tenantId, appId, request, true);
    }

    @PostMapping("/blacklist/removal")
    Mono<Changed> unblock(
            @PathVariable String tenantId, @PathVariable String appId, @RequestBody TagsController.Followers request) {
        return change(tenantId, appId, request, false);
    }

    @PutMapping("/followers/{openId}/remark")
    Mono<Remark> remark(
            @PathVariable String tenantId,
            @PathVariable String appId,
            @PathVariable String openId,
            @RequestBody Remark request) {
        String remark = request == null || request.remark() == null ? "" : request.remark();
        return TenantAccess.write(tenantId)
                .then(accounts.mayCall(tenantId, appId, ApiGroup.USER_REMARKS))
                .then(tokens.withToken(appId, token -> wechat.users().updateRemark(appId, token, openId, remark)))
                .then(registry.remarked(appId, openId, remark))
                .thenReturn(new Remark(remark));
    }

    private Mono<Changed> change(String tenantId, String appId, TagsController.Followers request, boolean add) {
        return TenantAccess.write(tenantId)
                .then(accounts.mayCall(tenantId, appId, ApiGroup.USER_TAGS))
                .then(Mono.fromSupplier(
                        () -> TagsController.batches(TagsController.openIds(request), Limits.BLACKLIST_BATCH)))
                .flatMap(batches -> Flux.fromIterable(batches)
                        .concatMap(batch -> tokens.withToken(
                                appId,
                                token -> add
                                        ? wechat.tags().block(appId, token, batch)
                                        : wechat.tags().unblock(appId, token, batch)))
                        .then(Mono.fromSupplier(
                                () -> new Changed(request.openIds().size(), batches.size()))));
    }

    private static Map<String, Object> page(OpenIdPage page) {
        return Map.of("items", page.openIds(), "total", page.total(), "next", page.last() ? "" : page.nextOpenId());
    }
}
