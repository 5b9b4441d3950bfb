package io.wxplatform.user.follower;

import io.wxplatform.support.accounts.WeChatAccounts;
import io.wxplatform.support.security.TenantAccess;
import io.wxplatform.support.web.ApiException;
import io.wxplatform.tokenclient.TokenClient;
import io.wxplatform.wechat.api.ApiGroup;
import io.wxplatform.wechat.api.Limits;
import io.wxplatform.wechat.api.Tag;
import io.wxplatform.wechat.api.WeChatClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * An account's follower tags, kept by WeChat (the truth; this service mirrors each follower's tags): create, list
 * with follower counts, rename, delete, and tag or untag any number of followers, sent in WeChat's batches of 50.
 * Every call passes the permission table ({@link ApiGroup#USER_TAGS}) first.
 */
@RestController
@RequestMapping("/api/v1/tenants/{tenantId}/accounts/{appId}/tags")
class TagsController {

    /** Followers per bulk request; each is sent to WeChat in batches of {@link Limits#TAGGING_BATCH}. */
    static final int MAX_FOLLOWERS = 10_000;

    record TagName(String name) {}

    record Followers(List<String> openIds) {}

    record Tagged(int tagId, int followers, int batches) {}

    private final WeChatAccounts accounts;
    private final TokenClient tokens;
    private final WeChatClient wechat;
    private final FollowerRegistry registry;

    TagsController(WeChatAccounts accounts, TokenClient tokens, WeChatClient wechat, FollowerRegistry registry) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.wechat = wechat;
        this.registry = registry;
    }

    @GetMapping
    Mono<Map<String, List<Tag>>> list(@PathVariable String tenantId, @PathVariable String appId) {
        return TenantAccess.read(tenantId)
                .then(accounts.mayCall(tenantId, appId, ApiGroup.USER_TAGS))
                .then(tokens.withToken(appId, token -> wechat.tags().list(appId, token)))
                .map(tags -> Map.of("items", tags));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Mono<Tag> create(@PathVariable String tenantId, @PathVariable String appId, @RequestBody TagName request) {
        return TenantAccess.write(tenantId)
                .then(accounts.mayCall(tenantId, appId, ApiGroup.USER_TAGS))
                .then(tokens.withToken(appId, token -> wechat.tags().create(appId, token, name(request))));
    }

    @PatchMapping("/{tagId}")
    Mono<Tag> rename(
            @PathVariable String tenantId,
            @PathVariable String appId,
            @PathVariable int tagId,
            @RequestBody TagName request) {
        return TenantAccess.write(tenantId)
                .then(accounts.mayCall(tenantId, appId, ApiGroup.USER_TAGS))
                .then(tokens.withToken(appId, token -> wechat.tags().rename(appId, token, tagId, name(request))))
                // tags/update answers no count: the renamed tag as WeChat lists it now, with its followers.
                .then(tokens.withToken(appId, token -> wechat.tags().list(appId, token)))
                .flatMap(tags -> Mono.justOrEmpty(
                        tags.stream().filter(tag -> tag.id() == tagId).findFirst()))
                .switchIfEmpty(
                        Mono.error(() -> ApiException.notFound("TAG_NOT_FOUND", "WeChat lists no tag " + tagId)));
    }

    @DeleteMapping("/{tagId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> delete(@PathVariable String tenantId, @PathVariable String appId, @PathVariable int tagId) {
        return TenantAccess.write(tenantId)
                .then(accounts.mayCall(tenantId, appId, ApiGroup.USER_TAGS))
                .then(tokens.withToken(appId, token -> wechat.tags().delete(appId, token, tagId)))
                .then(registry.tagDeleted(appId, tagId));
    }

    @PostMapping("/{tagId}/tagging")
    Mono<Tagged> tag(
            @PathVariable String tenantId,
            @PathVariable String appId,
            @PathVariable int tagId,
            @RequestBody Followers request) {
        return members(tenantId, appId, tagId, request, true);
    }

    @PostMapping("/{tagId}/untagging")
    Mono<Tagged> untag(
            @PathVariable String tenantId,
            @PathVariable String appId,
            @PathVariable int tagId,
            @RequestBody Followers request) {
        return members(tenantId, appId, tagId, request, false);
    }

    /** Batch after batch; a batch WeChat refuses stops the rest and is reported, those before it stay done. */
    private Mono<Tagged> members(String tenantId, String appId, int tagId, Followers request, boolean add) {
        return TenantAccess.write(tenantId)
                .then(accounts.mayCall(tenantId, appId, ApiGroup.USER_TAGS))
                .then(Mono.fromSupplier(() -> batches(openIds(request), Limits.TAGGING_BATCH)))
                .flatMap(batches -> Flux.fromIterable(batches)
                        .concatMap(batch -> tokens.withToken(
                                        appId,
                                        token -> add
                                                ? wechat.tags().tag(appId, token, tagId, batch)
                                                : wechat.tags().untag(appId, token, tagId, batch))
                                .then(registry.tagged(appId, batch, tagId, add)))
                        .then(Mono.fromSupplier(
                                () -> new Tagged(tagId, request.openIds().size(), batches.size()))));
    }

    private static String name(TagName request) {
        if (request == null || request.name() == null || request.name().isBlank()) {
            throw ApiException.validation(Map.of("name", "must not be blank"));
        }
        return request.name().strip();
    }

    static List<String> openIds(Followers request) {
        if (request == null
                || request.openIds() == null
                || request.openIds().isEmpty()
                || request.openIds().size() > MAX_FOLLOWERS) {
            throw ApiException.validation(Map.of("openIds", "1 to " + MAX_FOLLOWERS + " openids"));
        }
        return List.copyOf(request.openIds());
    }

    static List<List<String>> batches(List<String> openIds, int size) {
        List<List<String>> batches = new ArrayList<>();
        for (int from = 0; from < openIds.size(); from += size) {
            batches.add(openIds.subList(from, Math.min(openIds.size(), from + size)));
        }
        return batches;
    }
}
