package io.wxplatform.messaging.media;

import io.wxplatform.support.security.TenantAccess;
import io.wxplatform.wechat.api.MaterialCount;
import io.wxplatform.wechat.api.MaterialPage;
import java.net.URI;
import org.springframework.http.HttpStatus;
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
 * An account's permanent materials at WeChat: added from a tenant's file (kept as a media asset), listed, counted,
 * fetched and deleted by WeChat's media_id.
 */
@RestController
@RequestMapping("/api/v1/tenants/{tenantId}/accounts/{appId}/materials")
class MaterialsController {

    private final MediaAssets media;

    MaterialsController(MediaAssets media) {
        this.media = media;
    }

    /**
     * Fields: {@code file}, {@code type} (image, voice, video, thumb); a video also {@code title} and
     * {@code introduction}.
     */
    @PostMapping
    Mono<ResponseEntity<MediaAsset>> add(
            @PathVariable String tenantId, @PathVariable String appId, ServerWebExchange exchange) {
        return TenantAccess.write(tenantId)
                .then(Upload.read(exchange))
                .flatMap(upload -> media.addMaterial(tenantId, appId, upload))
                .map(asset -> ResponseEntity.created(URI.create(
                                "/api/v1/tenants/" + tenantId + "/accounts/" + appId + "/media/" + asset.assetId()))
                        .body(asset));
    }

    /** WeChat's listing of one kind, newest first; {@code size} 1 to 20 (WeChat's page). */
    @GetMapping
    Mono<MaterialPage> list(
            @PathVariable String tenantId,
            @PathVariable String appId,
            @RequestParam String type,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        return TenantAccess.read(tenantId).then(media.listMaterials(tenantId, appId, type, page, size));
    }

    @GetMapping("/count")
    Mono<MaterialCount> count(@PathVariable String tenantId, @PathVariable String appId) {
        return TenantAccess.read(tenantId).then(media.countMaterials(tenantId, appId));
    }

    /** The material's file; for a video, WeChat's JSON with its title, description and download URL. */
    @GetMapping("/{mediaId}")
    Mono<ResponseEntity<byte[]>> get(
            @PathVariable String tenantId, @PathVariable String appId, @PathVariable String mediaId) {
        return TenantAccess.read(tenantId)
                .then(media.material(tenantId, appId, mediaId))
                .map(MediaController::body);
    }

    @DeleteMapping("/{mediaId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> delete(@PathVariable String tenantId, @PathVariable String appId, @PathVariable String mediaId) {
        return TenantAccess.write(tenantId).then(media.deleteMaterial(tenantId, appId, mediaId));
    }
}
