package io.wxplatform.messaging.mass;

import io.wxplatform.messaging.media.MediaAssets;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Mass content that names a platform asset, with the asset's current media_id in its place (media.MediaAssets'
 * checks: 404 unknown asset, 400 another kind, 409 expired temporary media). A job keeps the resolved media_id: it is
 * sent within minutes, long before temporary media expire.
 */
@Component
class MassAssets {

    private final MediaAssets assets;

    MassAssets(MediaAssets assets) {
        this.assets = assets;
    }

    Mono<MassSendRequest> resolve(String appId, MassSendRequest request) {
        String assetId = request.assetId();
        if (assetId == null) {
            return Mono.just(request);
        }
        return assets.currentMediaId(appId, assetId, request.mediaKind(), request.msgType() + ".assetId")
                .map(request::withAssetMediaId);
    }
}
