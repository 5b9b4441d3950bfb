package io.wxplatform.messaging.media;

import io.wxplatform.messaging.content.WeChatGate;
import io.wxplatform.support.lifecycle.BackgroundLoop;
import io.wxplatform.wechat.api.WeChatClient;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Re-uploads kept-fresh temporary media before WeChat forgets it (three days after upload), from the file the
 * platform kept, so that whatever references the asset never meets an expired media_id. Each due asset is claimed
 * with a lease first (one refresher per asset across replicas); the new media_id is stored only over the one it
 * replaces. A failed re-upload is tried again next round while the lease allows. {@link MediaAssetFollowers} (the
 * reply rules) hear of the change before the re-upload and after the new media_id is stored.
 */
@Component
@EnableConfigurationProperties(MediaProperties.class)
class MediaRefresher extends BackgroundLoop {

    private static final Logger log = LoggerFactory.getLogger(MediaRefresher.class);

    private final MediaAssetStore store;
    private final WeChatGate gate;
    private final WeChatClient wechat;
    private final MediaProperties properties;
    private final Clock clock;
    private final List<MediaAssetFollowers> followers;

    MediaRefresher(
            MediaAssetStore store,
            WeChatGate gate,
            WeChatClient wechat,
            MediaProperties properties,
            Clock clock,
            List<MediaAssetFollowers> followers) {
        this.followers = followers;
        this.store = store;
        this.gate = gate;
        this.wechat = wechat;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    protected Disposable subscribe() {
        return Flux.interval(properties.refreshInterval())
                .onBackpressureDrop()
                .concatMap(tick -> refreshDue(), 1)
                .subscribe();
    }

    /** One round: every asset due now, one after the other. */
    Mono<Void> refreshDue() {
        Instant now = clock.instant();
        Instant before = now.plus(properties.refreshAhead());
        return store.due(before, now, properties.refreshBatch())
                .concatMap(stored -> store.claim(
                                stored.asset().assetId(), before, now, now.plus(properties.refreshLease()))
                        .filter(Boolean::booleanValue)
                        .flatMap(claimed -> refresh(stored)))
                .then()
                .onErrorResume(error -> {
                    log.warn("Media refresh round failed: {}", error.toString());
                    return Mono.empty();
                });
    }

    private Mono<Void> refresh(MediaAssetStore.Stored stored) {
        MediaAsset asset = stored.asset();
        return Flux.fromIterable(followers)
                .concatMap(follower -> follower.changing(asset.tenantId(), asset.appId(), asset.assetId()))
                .then(store.file(stored.fileId()))
                .flatMap(bytes -> gate.call(
                        asset.appId(),
                        token -> wechat.media().upload(asset.appId(), token, asset.kind(), asset.filename(), bytes)))
                .flatMap(uploaded -> store.refreshed(
                        asset.assetId(),
                        asset.mediaId(),
                        uploaded.mediaId(),
                        uploaded.createdAt(),
                        uploaded.expiresAt()))
                .filter(Boolean::booleanValue)
                .doOnNext(done ->
                        log.info("Re-uploaded media asset {} of {} before it expired", asset.assetId(), asset.appId()))
                .flatMap(done -> Flux.fromIterable(followers)
                        .concatMap(follower -> follower.changed(asset.tenantId(), asset.appId(), asset.assetId()))
                        .then())
                .onErrorResume(error -> {
                    log.warn(
                            "Media asset {} of {} could not be re-uploaded yet: {}",
                            asset.assetId(),
                            asset.appId(),
                            error.toString());
                    return Mono.empty();
                });
    }
}
