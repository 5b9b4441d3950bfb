package io.wxplatform.messaging.draft;

import io.wxplatform.support.security.TenantAccess;
import io.wxplatform.wechat.api.Article;
import io.wxplatform.wechat.api.DraftPage;
import io.wxplatform.wechat.api.PublishedArticle;
import java.net.URI;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** An account's article drafts at WeChat, their publication and published articles. */
@RestController
@RequestMapping("/api/v1/tenants/{tenantId}/accounts/{appId}")
class DraftController {

    private final Drafts drafts;

    DraftController(Drafts drafts) {
        this.drafts = drafts;
    }

    @PostMapping("/drafts")
    Mono<ResponseEntity<DraftView>> add(
            @PathVariable String tenantId, @PathVariable String appId, @RequestBody DraftRequest request) {
        return TenantAccess.write(tenantId)
                .then(drafts.add(tenantId, appId, request))
                .map(draft -> ResponseEntity.created(URI.create(
                                "/api/v1/tenants/" + tenantId + "/accounts/" + appId + "/drafts/" + draft.mediaId()))
                        .body(draft));
    }

    /** WeChat's listing, newest first; {@code size} 1 to 20; {@code noContent} leaves the HTML out. */
    @GetMapping("/drafts")
    Mono<DraftPage> list(
            @PathVariable String tenantId,
            @PathVariable String appId,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size,
            @RequestParam(defaultValue = "false") boolean noContent) {
        return TenantAccess.read(tenantId).then(drafts.list(tenantId, appId, page, size, noContent));
    }

    @GetMapping("/drafts/count")
    Mono<Map<String, Long>> count(@PathVariable String tenantId, @PathVariable String appId) {
        return TenantAccess.read(tenantId).then(drafts.count(tenantId, appId)).map(total -> Map.of("total", total));
    }

    @GetMapping("/drafts/{mediaId}")
    Mono<DraftView> get(@PathVariable String tenantId, @PathVariable String appId, @PathVariable String mediaId) {
        return TenantAccess.read(tenantId).then(drafts.get(tenantId, appId, mediaId));
    }

    /** Replaces the draft's article at {@code index} (from 0). */
    @PutMapping("/drafts/{mediaId}/articles/{index}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> update(
            @PathVariable String tenantId,
            @PathVariable String appId,
            @PathVariable String mediaId,
            @PathVariable int index,
            @RequestBody Article article) {
        return TenantAccess.write(tenantId).then(drafts.update(tenantId, appId, mediaId, index, article));
    }

    @DeleteMapping("/drafts/{mediaId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> delete(@PathVariable String tenantId, @PathVariable String appId, @PathVariable String mediaId) {
        return TenantAccess.write(tenantId).then(drafts.delete(tenantId, appId, mediaId));
    }

    /** Submits the draft for publishing: 202 with the job, which finishes later at WeChat. */
    @PostMapping("/drafts/{mediaId}/publication")
    Mono<ResponseEntity<PublicationRecord>> publish(
            @PathVariable String tenantId, @PathVariable String appId, @PathVariable String mediaId) {
        return TenantAccess.write(tenantId)
                .then(drafts.publish(tenantId, appId, mediaId))
                .map(job -> ResponseEntity.accepted()
                        .location(URI.create("/api/v1/tenants/" + tenantId + "/accounts/" + appId + "/publications/"
                                + job.publishId()))
                        .body(job));
    }

    @GetMapping("/publications/{publishId}")
    Mono<PublicationRecord> publication(
            @PathVariable String tenantId, @PathVariable String appId, @PathVariable String publishId) {
        return TenantAccess.read(tenantId).then(drafts.publication(tenantId, appId, publishId));
    }

    /** WeChat's published articles, newest first; {@code size} 1 to 20. */
    @GetMapping("/published")
    Mono<PublishedArticle.Page> published(
            @PathVariable String tenantId,
            @PathVariable String appId,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size,
            @RequestParam(defaultValue = "false") boolean noContent) {
        return TenantAccess.read(tenantId).then(drafts.published(tenantId, appId, page, size, noContent));
    }

    @GetMapping("/published/{articleId}")
    Mono<PublishedArticle> publishedArticle(
            @PathVariable String tenantId, @PathVariable String appId, @PathVariable String articleId) {
        return TenantAccess.read(tenantId).then(drafts.publishedArticle(tenantId, appId, articleId));
    }

    @DeleteMapping("/published/{articleId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> deletePublished(
            @PathVariable String tenantId, @PathVariable String appId, @PathVariable String articleId) {
        return TenantAccess.write(tenantId).then(drafts.deletePublished(tenantId, appId, articleId));
    }
}
