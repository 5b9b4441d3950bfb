package io.wxplatform.messaging.media;

import io.wxplatform.messaging.content.WeChatGate;
import io.wxplatform.support.web.ApiException;
import io.wxplatform.support.web.Page;
import io.wxplatform.support.web.Paging;
import io.wxplatform.wechat.api.ApiGroup;
import io.wxplatform.wechat.api.MaterialCount;
import io.wxplatform.wechat.api.MaterialPage;
import io.wxplatform.wechat.api.MediaFile;
import io.wxplatform.wechat.api.MediaKind;
import io.wxplatform.wechat.api.MediaLimits;
import io.wxplatform.wechat.api.WeChatClient;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaTypeFactory;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * The tenant's media: temporary media and permanent materials uploaded to WeChat from the tenant's file, which the
 * platform keeps so that it can upload it again; WeChat's listings, counts and files; article images. Every call
 * passes ownership and WeChat's permission table (material management: verified accounts) and WeChat's size and
 * format limits (400 {@code WECHAT_LIMIT}) before WeChat is called.
 *
 * <p>The one way to turn an asset id into a media_id ({@link #currentMediaId}, {@link #followedMediaId},
 * {@link #storedMediaId}) for whatever sends media: reply rules, customer-service messages, mass sends. The caller has
 * checked that the account is the tenant's; assets are looked up within the account.
 */
@Service
public class MediaAssets {

    private final WeChatGate gate;
    private final WeChatClient wechat;
    private final MediaAssetStore store;
    private final Clock clock;

    MediaAssets(WeChatGate gate, WeChatClient wechat, MediaAssetStore store, Clock clock) {
        this.gate = gate;
        this.wechat = wechat;
        this.store = store;
        this.clock = clock;
    }

    /** Uploads temporary media ({@code type}: image, voice, video, thumb); {@code keepFresh} re-uploads it. */
    Mono<MediaAsset> uploadTemporary(String tenantId, String appId, Upload upload) {
        return gate.mayCall(tenantId, appId, ApiGroup.MATERIAL)
                .then(Mono.fromCallable(() -> {
                    MediaKind kind = kind(upload);
                    MediaLimits.requireTemporary(kind, upload.filename(), upload.bytes().length);
                    return kind;
                }))
                .flatMap(kind -> gate.call(
                                appId,
                                token -> wechat.media().upload(appId, token, kind, upload.filename(), upload.bytes()))
                        .map(uploaded -> new MediaAsset(
                                newAssetId(),
                                tenantId,
                                appId,
                                kind,
                                false,
                                uploaded.mediaId(),
                                null,
                                upload.filename(),
                                contentType(upload.filename()),
                                upload.bytes().length,
                                uploaded.createdAt(),
                                uploaded.expiresAt(),
                                Boolean.parseBoolean(upload.field("keepFresh")),
                                0,
                                null,
                                null)))
                .flatMap(asset -> keep(asset, upload));
    }

    /** Adds permanent material; a video needs {@code title} (and may have {@code introduction}). */
    Mono<MediaAsset> addMaterial(String tenantId, String appId, Upload upload) {
        return gate.mayCall(tenantId, appId, ApiGroup.MATERIAL)
                .then(Mono.fromCallable(() -> {
                    MediaKind kind = kind(upload);
                    MediaLimits.requirePermanent(kind, upload.filename(), upload.bytes().length);
                    return kind;
                }))
                .flatMap(kind -> gate.call(
                                appId,
                                token -> wechat.media()
                                        .addMaterial(
                                                appId,
                                                token,
                                                kind,
                                                upload.filename(),
                                                upload.bytes(),
                                                upload.field("title"),
                                                upload.field("introduction")))
                        .map(material -> new MediaAsset(
                                newAssetId(),
                                tenantId,
                                appId,
                                kind,
                                true,
                                material.mediaId(),
                                material.url(),
                                upload.filename(),
                                contentType(upload.filename()),
                                upload.bytes().length,
                                clock.instant(),
                                null,
                                false,
                                0,
                                upload.field("title"),
                                upload.field("introduction"))))
                .flatMap(asset -> keep(asset, upload));
    }

    Mono<MediaAsset> get(String tenantId, String appId, String assetId) {
        return gate.owned(tenantId, appId).then(existing(appId, assetId)).map(MediaAssetStore.Stored::asset);
    }

    Mono<Page<MediaAsset>> list(String tenantId, String appId, Paging paging) {
        return gate.owned(tenantId, appId)
                .then(Mono.zip(store.list(appId, paging).collectList(), store.count(appId)))
                .map(found -> Page.of(found.getT1(), paging, found.getT2()));
    }

    /** The asset's file as WeChat serves it under its current media_id (40007 once temporary media expired). */
    Mono<MediaFile> file(String tenantId, String appId, String assetId) {
        return gate.mayCall(tenantId, appId, ApiGroup.MATERIAL)
                .then(existing(appId, assetId))
                .map(MediaAssetStore.Stored::asset)
                .flatMap(asset -> gate.call(
                        appId,
                        token -> asset.permanent()
                                ? wechat.media().getMaterial(appId, token, asset.mediaId())
                                : wechat.media().download(appId, token, asset.mediaId())));
    }

    /** Forgets the asset and its file; permanent material is deleted at WeChat first. */
    Mono<Void> delete(String tenantId, String appId, String assetId) {
        return gate.mayCall(tenantId, appId, ApiGroup.MATERIAL)
                .then(existing(appId, assetId))
                .flatMap(stored -> (stored.asset().permanent()
                                ? gate.call(
                                        appId,
                                        token -> wechat.media()
                                                .deleteMaterial(
                                                        appId,
                                                        token,
                                                        stored.asset().mediaId()))
                                : Mono.<Void>empty())
                        .then(store.delete(stored)));
    }

    Mono<String> uploadArticleImage(String tenantId, String appId, Upload upload) {
        return gate.mayCall(tenantId, appId, ApiGroup.MATERIAL)
                .then(gate.call(
                        appId,
                        token -> wechat.media().uploadArticleImage(appId, token, upload.filename(), upload.bytes())));
    }

    Mono<MaterialCount> countMaterials(String tenantId, String appId) {
        return gate.mayCall(tenantId, appId, ApiGroup.MATERIAL)
                .then(gate.call(appId, token -> wechat.media().count(appId, token)));
    }

    /** WeChat's listing of a kind, {@code size} 1 to 20 per page. */
    Mono<MaterialPage> listMaterials(String tenantId, String appId, String type, int page, int size) {
        MediaKind kind = MediaKind.parse(type);
        if (kind == null || page < 0) {
            return Mono.error(ApiException.validation(Map.of("type", "image, voice, video or thumb; page >= 0")));
        }
        return gate.mayCall(tenantId, appId, ApiGroup.MATERIAL)
                .then(gate.call(appId, token -> wechat.media().list(appId, token, kind, page * size, size)));
    }

    Mono<MediaFile> material(String tenantId, String appId, String mediaId) {
        return gate.mayCall(tenantId, appId, ApiGroup.MATERIAL)
                .then(gate.call(appId, token -> wechat.media().getMaterial(appId, token, mediaId)));
    }

    /** Deletes permanent material at WeChat, and the platform's asset for it if there is one. */
    Mono<Void> deleteMaterial(String tenantId, String appId, String mediaId) {
        return gate.mayCall(tenantId, appId, ApiGroup.MATERIAL)
                .then(gate.call(appId, token -> wechat.media().deleteMaterial(appId, token, mediaId)))
                .then(Mono.defer(() -> store.findByMediaId(appId, mediaId)))
                .flatMap(store::delete);
    }

    /**
     * The media_id an asset has now, for a message of {@code kind} made once (a customer-service message): 404
     * {@code ASSET_NOT_FOUND}, 400 {@code VALIDATION_FAILED} on {@code field} when the asset is of another kind, 409
     * {@code ASSET_EXPIRED} when it is temporary media WeChat has forgotten and nobody keeps fresh.
     */
    public Mono<String> currentMediaId(String appId, String assetId, MediaKind kind, String field) {
        return usable(appId, assetId, kind, field).map(MediaAsset::mediaId);
    }

    /**
     * As {@link #currentMediaId}, for a reference that lasts (a reply rule): a temporary asset is kept fresh from
     * then on, so the reference never meets an expired media_id; the follower learns each new one
     * ({@link MediaAssetFollowers}).
     */
    public Mono<String> followedMediaId(String appId, String assetId, MediaKind kind, String field) {
        return usable(appId, assetId, kind, field)
                .flatMap(asset -> asset.permanent() || asset.keepFresh()
                        ? Mono.just(asset.mediaId())
                        : store.keepFresh(assetId).thenReturn(asset.mediaId()));
    }

    /** The asset's media_id as stored, without checks; empty when the asset is gone. */
    public Mono<String> storedMediaId(String appId, String assetId) {
        return Mono.defer(() -> store.find(appId, assetId))
                .map(stored -> stored.asset().mediaId());
    }

    /** Whether the media_id is one of the account's temporary assets (WeChat takes only permanent covers: 40007). */
    public Mono<Boolean> isTemporary(String appId, String mediaId) {
        return Mono.defer(() -> store.findByMediaId(appId, mediaId))
                .map(stored -> !stored.asset().permanent())
                .defaultIfEmpty(false);
    }

    private Mono<MediaAsset> usable(String appId, String assetId, MediaKind kind, String field) {
        if (assetId == null || assetId.isBlank()) {
            return Mono.error(ApiException.validation(Map.of(field, "is required")));
        }
        return existing(appId, assetId).map(MediaAssetStore.Stored::asset).flatMap(asset -> {
            if (asset.kind() != kind) {
                return Mono.error(ApiException.validation(Map.of(
                        field,
                        "asset " + assetId + " is " + asset.kind().wechatName() + " media; this message needs "
                                + kind.wechatName())));
            }
            if (expired(asset, clock.instant())) {
                return Mono.error(new ApiException(
                        HttpStatus.CONFLICT,
                        "ASSET_EXPIRED",
                        "Asset " + assetId + " is temporary media WeChat forgot at " + asset.expiresAt()
                                + "; upload it again (keepFresh=true keeps it valid)"));
            }
            return Mono.just(asset);
        });
    }

    private static boolean expired(MediaAsset asset, Instant now) {
        return !asset.permanent()
                && !asset.keepFresh()
                && asset.expiresAt() != null
                && !asset.expiresAt().isAfter(now);
    }

    /** Keeps the tenant's bytes (GridFS) and the asset record. */
    private Mono<MediaAsset> keep(MediaAsset asset, Upload upload) {
        return store.storeFile(upload.filename(), upload.bytes())
                .flatMap(fileId -> store.insert(asset, fileId, clock.instant()))
                .thenReturn(asset);
    }

    private Mono<MediaAssetStore.Stored> existing(String appId, String assetId) {
        return Mono.defer(() -> store.find(appId, assetId))
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("ASSET_NOT_FOUND", "No media asset " + assetId)));
    }

    private static MediaKind kind(Upload upload) {
        MediaKind kind = MediaKind.parse(upload.field("type"));
        if (kind == null) {
            throw ApiException.validation(Map.of("type", "image, voice, video or thumb"));
        }
        return kind;
    }

    private static String contentType(String filename) {
        return MediaTypeFactory.getMediaType(filename).map(Object::toString).orElse("application/octet-stream");
    }

    private static String newAssetId() {
        return "a_" + UUID.randomUUID().toString().replace("-", "");
    }
}
