package io.wxplatform.messaging.rules;

import io.wxplatform.messaging.media.MediaAssetFollowers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * A re-uploaded asset ({@link io.wxplatform.messaging.media.MediaRefresher}) republishes every rule set that answers
 * with it, so callback-service replies with the new media_id. The set is marked pending before the re-upload and
 * again after it: a crash before the republication leaves the mark for {@link PendingRuleSetRelay}, which publishes
 * with the media_id stored by then ({@link RuleMedia}).
 */
@Component
class RuleSetsFollowAssets implements MediaAssetFollowers {

    private static final Logger log = LoggerFactory.getLogger(RuleSetsFollowAssets.class);

    private final RuleStore store;
    private final RuleSetPublisher publisher;

    RuleSetsFollowAssets(RuleStore store, RuleSetPublisher publisher) {
        this.store = store;
        this.publisher = publisher;
    }

    @Override
    public Mono<Void> changing(String tenantId, String appId, String assetId) {
        return store.usesAsset(appId, assetId)
                .filter(Boolean::booleanValue)
                .flatMap(used -> store.markChanged(appId, tenantId))
                .then();
    }

    @Override
    public Mono<Void> changed(String tenantId, String appId, String assetId) {
        return store.usesAsset(appId, assetId)
                .filter(Boolean::booleanValue)
                .flatMap(used -> store.markChanged(appId, tenantId))
                .flatMap(version -> publisher.publish(appId).onErrorResume(error -> {
                    log.warn(
                            "Rules of {} follow asset {} but are not yet republished, the relay retries: {}",
                            appId,
                            assetId,
                            error.toString());
                    return Mono.empty();
                }))
                .then();
    }
}
