package io.wxplatform.messaging.media;

import reactor.core.publisher.Mono;

/**
 * Whatever keeps a reference to an asset and must follow its media_id when {@link MediaRefresher} re-uploads it
 * (reply rule sets, published with the asset's current media_id). {@link #changing} comes before the re-upload, so
 * that a crash between the new media_id being stored and {@link #changed} still leaves a mark to act on.
 */
public interface MediaAssetFollowers {

    /** The asset's media_id is about to change: remember that whatever follows it must be brought up to date. */
    Mono<Void> changing(String tenantId, String appId, String assetId);

    /** The asset has a new media_id: bring whatever follows it up to date. */
    Mono<Void> changed(String tenantId, String appId, String assetId);
}
