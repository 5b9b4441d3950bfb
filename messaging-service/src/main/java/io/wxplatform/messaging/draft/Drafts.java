package io.wxplatform.messaging.draft;

import io.wxplatform.messaging.content.WeChatGate;
import io.wxplatform.messaging.media.MediaAssets;
import io.wxplatform.support.web.ApiException;
import io.wxplatform.wechat.api.ApiGroup;
import io.wxplatform.wechat.api.Article;
import io.wxplatform.wechat.api.DraftApi;
import io.wxplatform.wechat.api.DraftPage;
import io.wxplatform.wechat.api.Publication;
import io.wxplatform.wechat.api.PublishedArticle;
import io.wxplatform.wechat.api.WeChatClient;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Article drafts and their publication through WeChat's draft and freepublish APIs. Every call passes ownership and
 * WeChat's permission table (drafts and publishing replace news materials: the {@code MATERIAL} group, verified
 * accounts) and WeChat's draft limits (400 {@code VALIDATION_FAILED} by path) first; a cover must be permanent
 * material, which WeChat checks (40007, answered 422).
 */
@Service
class Drafts {

    private final WeChatGate gate;
    private final WeChatClient wechat;
    private final PublicationStore publications;
    private final Clock clock;
    private final MediaAssets assets;

    Drafts(WeChatGate gate, WeChatClient wechat, PublicationStore publications, Clock clock, MediaAssets assets) {
        this.assets = assets;
        this.gate = gate;
        this.wechat = wechat;
        this.publications = publications;
        this.clock = clock;
    }

    Mono<DraftView> add(String tenantId, String appId, DraftRequest request) {
        List<Article> articles = request == null ? null : request.articles();
        return gate.mayCall(tenantId, appId, ApiGroup.MATERIAL)
                .then(valid(DraftApi.violations(articles)))
                .then(Mono.defer(() -> permanentCovers(appId, "articles", articles)))
                .then(gate.call(appId, token -> wechat.drafts().add(appId, token, articles)))
                .map(mediaId -> new DraftView(mediaId, articles));
    }

    Mono<DraftView> get(String tenantId, String appId, String mediaId) {
        return gate.mayCall(tenantId, appId, ApiGroup.MATERIAL)
                .then(gate.call(appId, token -> wechat.drafts().get(appId, token, mediaId)))
                .map(articles -> new DraftView(mediaId, articles));
    }

    Mono<Void> update(String tenantId, String appId, String mediaId, int index, Article article) {
        Map<String, String> errors = DraftApi.violations(article == null ? null : List.of(article));
        Map<String, String> renamed = new LinkedHashMap<>();
        errors.forEach((path, error) -> renamed.put(path.replaceFirst("^articles(\\[0])?", "article"), error));
        return gate.mayCall(tenantId, appId, ApiGroup.MATERIAL)
                .then(valid(renamed))
                .then(Mono.defer(() -> permanentCovers(appId, "article", List.of(article))))
                .then(gate.call(appId, token -> wechat.drafts().update(appId, token, mediaId, index, article)));
    }

    Mono<Void> delete(String tenantId, String appId, String mediaId) {
        return gate.mayCall(tenantId, appId, ApiGroup.MATERIAL)
                .then(gate.call(appId, token -> wechat.drafts().delete(appId, token, mediaId)));
    }

    Mono<Long> count(String tenantId, String appId) {
        return gate.mayCall(tenantId, appId, ApiGroup.MATERIAL)
                .then(gate.call(appId, token -> wechat.drafts().count(appId, token)));
    }

    Mono<DraftPage> list(String tenantId, String appId, int page, int size, boolean noContent) {
        if (page < 0) {
            return Mono.error(ApiException.validation(Map.of("page", "must be >= 0")));
        }
        return gate.mayCall(tenantId, appId, ApiGroup.MATERIAL)
                .then(gate.call(appId, token -> wechat.drafts().list(appId, token, page * size, size, noContent)));
    }

    /** Submits the draft for publishing and records the job. */
    Mono<PublicationRecord> publish(String tenantId, String appId, String mediaId) {
        return gate.mayCall(tenantId, appId, ApiGroup.MATERIAL)
                .then(gate.call(appId, token -> wechat.drafts().publish(appId, token, mediaId)))
                .flatMap(job -> publications.insert(tenantId, appId, mediaId, job, clock.instant()));
    }

    /** The job as recorded, brought up to date with WeChat's status while it is still publishing. */
    Mono<PublicationRecord> publication(String tenantId, String appId, String publishId) {
        return gate.mayCall(tenantId, appId, ApiGroup.MATERIAL)
                .then(Mono.defer(() -> publications.find(appId, publishId)))
                .switchIfEmpty(
                        Mono.error(() -> ApiException.notFound("PUBLICATION_NOT_FOUND", "No publish job " + publishId)))
                .flatMap(stored -> stored.status() != Publication.PUBLISHING
                        ? Mono.just(stored)
                        : gate.call(appId, token -> wechat.drafts().publication(appId, token, publishId))
                                .flatMap(job -> publications.update(appId, publishId, job, clock.instant())));
    }

    /** Deletes a published article (all of its articles); the jobs that published it read as deleted (5). */
    Mono<Void> deletePublished(String tenantId, String appId, String articleId) {
        return gate.mayCall(tenantId, appId, ApiGroup.MATERIAL)
                .then(gate.call(appId, token -> wechat.drafts().deletePublished(appId, token, articleId, 0)))
                .then(Mono.defer(() -> publications.deleted(appId, articleId, clock.instant())));
    }

    /** WeChat's published articles, newest first ({@code freepublish/batchget}, size 1 to 20). */
    Mono<PublishedArticle.Page> published(String tenantId, String appId, int page, int size, boolean noContent) {
        if (page < 0) {
            return Mono.error(ApiException.validation(Map.of("page", "must be >= 0")));
        }
        return gate.mayCall(tenantId, appId, ApiGroup.MATERIAL)
                .then(gate.call(appId, token -> wechat.drafts().published(appId, token, page * size, size, noContent)));
    }

    /** One published article with its articles' URLs ({@code freepublish/getarticle}). */
    Mono<PublishedArticle> publishedArticle(String tenantId, String appId, String articleId) {
        return gate.mayCall(tenantId, appId, ApiGroup.MATERIAL)
                .then(gate.call(appId, token -> wechat.drafts().publishedArticle(appId, token, articleId)));
    }

    /**
     * A cover that is one of the account's temporary assets is refused here (wechat-protocol.md §7: mixing temporary
     * and permanent media_ids is WeChat's 40007); media_ids the platform does not know are left to WeChat.
     */
    private Mono<Void> permanentCovers(String appId, String path, List<Article> articles) {
        Map<String, String> errors = new LinkedHashMap<>();
        return Flux.range(0, articles.size())
                .concatMap(i -> assets.isTemporary(appId, articles.get(i).thumbMediaId())
                        .filter(Boolean::booleanValue)
                        .doOnNext(temporary -> errors.put(
                                path + (path.equals("article") ? "" : "[" + i + "]") + ".thumbMediaId",
                                "is temporary media; a cover must be permanent material (POST /materials)")))
                .then(Mono.defer(() -> valid(errors)));
    }

    private static Mono<Void> valid(Map<String, String> errors) {
        return errors.isEmpty() ? Mono.empty() : Mono.error(ApiException.validation(errors));
    }
}
