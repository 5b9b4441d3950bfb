package io.wxplatform.messaging.rules;

import io.wxplatform.events.rules.Delivery;
import io.wxplatform.events.rules.ReplyRule;
import io.wxplatform.events.rules.ReplyRuleSet;
import io.wxplatform.messaging.media.MediaAssets;
import io.wxplatform.support.accounts.AccountDirectory;
import io.wxplatform.support.accounts.WeChatAccounts;
import io.wxplatform.support.web.ApiException;
import io.wxplatform.wechat.api.ApiGroup;
import java.time.Clock;
import java.util.UUID;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Changes to an account's rules. Each change marks the account's set pending (version + 1), writes the rule, marks
 * it again (so a publication that read the rules before the write cannot clear the marker), then publishes. A crash
 * anywhere leaves the marker for {@link PendingRuleSetRelay}.
 */
@Service
class Rules {

    private static final Logger log = LoggerFactory.getLogger(Rules.class);

    private final RuleStore store;
    private final AccountDirectory accounts;
    private final WeChatAccounts wechatAccounts;
    private final RuleSetPublisher publisher;
    private final RuleProperties properties;
    private final Clock clock;
    private final MediaAssets assets;
    private final RuleMedia media;

    Rules(
            RuleStore store,
            AccountDirectory accounts,
            WeChatAccounts wechatAccounts,
            RuleSetPublisher publisher,
            RuleProperties properties,
            Clock clock,
            MediaAssets assets,
            RuleMedia media) {
        this.assets = assets;
        this.media = media;
        this.store = store;
        this.accounts = accounts;
        this.wechatAccounts = wechatAccounts;
        this.publisher = publisher;
        this.properties = properties;
        this.clock = clock;
    }

    Mono<ReplyRule> create(String tenantId, String appId, RuleRequest request) {
        String ruleId = "r_" + UUID.randomUUID().toString().replace("-", "");
        return withAsset(tenantId, appId, request)
                .map(resolved -> resolved.toRule(ruleId, tenantId, appId, clock.instant()))
                .flatMap(rule -> created(tenantId, appId, rule));
    }

    private Mono<ReplyRule> created(String tenantId, String appId, ReplyRule rule) {
        return ownedFor(tenantId, appId, rule)
                .then(store.count(appId))
                .flatMap(count -> count < properties.maxRulesPerAccount()
                        ? change(tenantId, appId, store.save(rule)).thenReturn(rule)
                        : Mono.error(new ApiException(
                                HttpStatus.CONFLICT,
                                "TOO_MANY_RULES",
                                "An account holds at most " + properties.maxRulesPerAccount() + " rules")));
    }

    /** The account's rules in matching order; an owned account without rules reads as an empty set, version 0. */
    Mono<ReplyRuleSet> list(String tenantId, String appId) {
        return owned(tenantId, appId)
                .then(Mono.zip(
                        media.current(store.all(appId)),
                        store.account(appId)
                                .map(RuleStore.AccountRules::version)
                                .defaultIfEmpty(0L)))
                .map(found -> new ReplyRuleSet(appId, found.getT1(), found.getT2()));
    }

    Mono<ReplyRule> get(String tenantId, String appId, String ruleId) {
        return owned(tenantId, appId).then(existing(appId, ruleId)).flatMap(media::current);
    }

    Mono<ReplyRule> replace(String tenantId, String appId, String ruleId, RuleRequest request) {
        return withAsset(tenantId, appId, request)
                .map(resolved -> resolved.toRule(ruleId, tenantId, appId, clock.instant()))
                .flatMap(replacement -> ownedFor(tenantId, appId, replacement)
                        .then(update(tenantId, appId, ruleId, current -> replacement)));
    }

    /**
     * A media reply naming an asset gets the asset's current media_id (404 {@code ASSET_NOT_FOUND}, 400 for an asset
     * of another kind, 409 {@code ASSET_EXPIRED}); a temporary asset is kept fresh from then on.
     */
    private Mono<RuleRequest> withAsset(String tenantId, String appId, RuleRequest request) {
        return Mono.fromCallable(request::assetToResolve)
                .flatMap(assetId -> owned(tenantId, appId)
                        .then(assets.followedMediaId(
                                appId, assetId, request.reply().mediaKind(), "reply.assetId"))
                        .map(request::withAssetMediaId))
                .defaultIfEmpty(request);
    }

    Mono<ReplyRule> enable(String tenantId, String appId, String ruleId, boolean enabled) {
        return update(tenantId, appId, ruleId, current -> current.withEnabled(enabled, clock.instant()));
    }

    Mono<Void> delete(String tenantId, String appId, String ruleId) {
        return owned(tenantId, appId)
                .then(existing(appId, ruleId))
                .flatMap(current ->
                        change(tenantId, appId, store.delete(appId, ruleId).then()));
    }

    private Mono<ReplyRule> update(String tenantId, String appId, String ruleId, Function<ReplyRule, ReplyRule> edit) {
        return owned(tenantId, appId)
                .then(existing(appId, ruleId))
                .map(edit)
                .flatMap(updated -> change(tenantId, appId, store.save(updated)).thenReturn(updated));
    }

    /** The write in between two version bumps, then the publication; a failed publication is left to the relay. */
    private Mono<Void> change(String tenantId, String appId, Mono<Void> write) {
        return store.markChanged(appId, tenantId)
                .then(write)
                .then(store.markChanged(appId, tenantId))
                .then(publisher.publish(appId).onErrorResume(error -> {
                    log.warn(
                            "Rules of {} are stored but not yet published, the relay retries: {}",
                            appId,
                            error.toString());
                    return Mono.empty();
                }));
    }

    /**
     * A rule answered by customer-service message is refused (403 {@code WECHAT_PERMISSION}) for an account WeChat
     * would not let send one, as a send would be.
     */
    private Mono<Void> ownedFor(String tenantId, String appId, ReplyRule rule) {
        return rule.delivery() == Delivery.CUSTOMER_SERVICE
                ? wechatAccounts
                        .mayCall(tenantId, appId, ApiGroup.CUSTOMER_SERVICE_MESSAGES)
                        .then()
                : owned(tenantId, appId);
    }

    /** Ownership is token-service's word (wx.account.v1); no request here can make an account anyone's. */
    private Mono<Void> owned(String tenantId, String appId) {
        return accounts.ownedBy(tenantId, appId)
                .switchIfEmpty(Mono.error(() -> accountNotFound(tenantId, appId)))
                .then();
    }

    private Mono<ReplyRule> existing(String appId, String ruleId) {
        return store.find(appId, ruleId)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("RULE_NOT_FOUND", "No rule " + ruleId)));
    }

    private static ApiException accountNotFound(String tenantId, String appId) {
        return ApiException.notFound("ACCOUNT_NOT_FOUND", "No account " + appId + " in tenant " + tenantId);
    }
}
