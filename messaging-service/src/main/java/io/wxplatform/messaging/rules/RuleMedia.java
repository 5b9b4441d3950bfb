package io.wxplatform.messaging.rules;

import io.wxplatform.events.rules.Reply;
import io.wxplatform.events.rules.ReplyRule;
import io.wxplatform.messaging.media.MediaAssets;
import java.util.List;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Rules whose reply names a media asset ({@code reply.assetId}) answer with that asset's current media_id: every read
 * and every publication replaces the stored media_id with the asset's ({@link RuleSetsFollowAssets} republishes when
 * it changes), so callback-service never replies with a media_id WeChat has forgotten.
 */
@Component
class RuleMedia {

    private final MediaAssets assets;

    RuleMedia(MediaAssets assets) {
        this.assets = assets;
    }

    /** The rule as it answers now: with its asset's current media_id (the stored one if the asset is gone). */
    Mono<ReplyRule> current(ReplyRule rule) {
        if (!(rule.reply() instanceof Reply.WithMedia media) || media.assetId() == null) {
            return Mono.just(rule);
        }
        return assets.storedMediaId(rule.appId(), media.assetId())
                .filter(mediaId -> !mediaId.equals(media.mediaId()))
                .map(mediaId -> rule.withReply(media.withMediaId(mediaId)))
                .defaultIfEmpty(rule);
    }

    Mono<List<ReplyRule>> current(Flux<ReplyRule> rules) {
        return rules.concatMap(this::current).collectList();
    }
}
