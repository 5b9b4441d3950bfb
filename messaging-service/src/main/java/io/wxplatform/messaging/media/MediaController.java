package io.wxplatform.messaging.media;

import io.wxplatform.support.security.TenantAccess;
import io.wxplatform.support.web.Page;
import io.wxplatform.support.web.Paging;
import io.wxplatform.wechat.api.MediaFile;
import java.net.URI;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * An account's media assets (temporary media kept on the platform) and article images. Uploads are
 * {@code multipart/form-data} with a {@code file} part, read only after the caller's tenant access was checked.
 */
@RestController
@RequestMapping("/api/v1/tenants/{tenantId}/accounts/{appId}/media")
class MediaController {

    private final MediaAssets media;

    MediaController(MediaAssets media) {
        this.media = media;
    }

    /** Fields: {@code file}, {@code type} (image, voice, video, thumb), {@code keepFresh} (true: re-uploaded). */
    @PostMapping
    Mono<ResponseEntity<MediaAsset>> upload(
            @PathVariable String tenantId, @PathVariable String appId, ServerWebExchange exchange) {
        return TenantAccess.write(tenantId)
                .then(Upload.read(exchange))
                .flatMap(upload -> media.uploadTemporary(tenantId, appId, upload))
                .map(asset -> ResponseEntity.created(URI.create(
                                "/api/v1/tenants/" + tenantId + "/accounts/" + appId + "/media/" + asset.assetId()))
                        .body(asset));
    }

    @GetMapping
    Mono<Page<MediaAsset>> list(
            @PathVariable String tenantId,
            @PathVariable String appId,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        return TenantAccess.read(tenantId).then(Mono.defer(() -> media.list(tenantId, appId, Paging.of(page, size))));
    }

    @GetMapping("/{assetId}")
    Mono<MediaAsset> get(@PathVariable String tenantId, @PathVariable String appId, @PathVariable String assetId) {
        return TenantAccess.read(tenantId).then(media.get(tenantId, appId, assetId));
    }

    /** The file as WeChat serves it under the asset's current media_id. */
    @GetMapping("/{assetId}/file")
    Mono<ResponseEntity<byte[]>> file(
            @PathVariable String tenantId, @PathVariable String appId, @PathVariable String assetId) {
        return TenantAccess.read(tenantId)
                .then(media.file(tenantId, appId, assetId))
                .map(MediaController::body);
    }

    @DeleteMapping("/{assetId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> delete(@PathVariable String tenantId, @PathVariable String appId, @PathVariable String assetId) {
        return TenantAccess.write(tenantId).then(media.delete(tenantId, appId, assetId));
    }

    /** An image for article bodies (jpg or png, at most 1 MB): WeChat's URL for it. */
    @PostMapping("/article-images")
    Mono<Map<String, String>> uploadArticleImage(
            @PathVariable String tenantId, @PathVariable String appId, ServerWebExchange exchange) {
        return TenantAccess.write(tenantId)
                .then(Upload.read(exchange))
                .flatMap(upload -> media.uploadArticleImage(tenantId, appId, upload))
                .map(url -> Map.of("url", url));
    }

    static ResponseEntity<byte[]> body(MediaFile file) {
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(file.contentType()))
                .body(file.bytes());
    }
}
