package io.wxplatform.messaging.subscribe;

import io.wxplatform.messaging.send.OutboundMessage;
import io.wxplatform.support.accounts.WeChatAccounts;
import io.wxplatform.support.security.TenantAccess;
import io.wxplatform.support.web.ApiException;
import io.wxplatform.tokenclient.TokenClient;
import io.wxplatform.wechat.api.ApiGroup;
import io.wxplatform.wechat.api.SubscriptionTemplate;
import io.wxplatform.wechat.api.WeChatClient;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Subscription notifications (订阅通知): the account's templates as WeChat holds them (list, add from WeChat's
 * library by its {@code tid} and keyword ids, delete), WeChat's categories and a library template's keywords, a
 * follower's recorded consents, and sends (202 once stored, status at send's {@code GET …/messages/{id}}). Every
 * WeChat call passes the permission table first.
 */
@RestController
@RequestMapping("/api/v1/tenants/{tenantId}/accounts/{appId}")
class SubscriptionsController {

    private final WeChatAccounts accounts;
    private final WeChatClient wechat;
    private final TokenClient tokens;
    private final SubscriptionConsents consents;
    private final SubscriptionSends sends;

    SubscriptionsController(
            WeChatAccounts accounts,
            WeChatClient wechat,
            TokenClient tokens,
            SubscriptionConsents consents,
            SubscriptionSends sends) {
        this.accounts = accounts;
        this.wechat = wechat;
        this.tokens = tokens;
        this.consents = consents;
        this.sends = sends;
    }

    @GetMapping("/subscription-templates")
    Mono<Map<String, Object>> list(@PathVariable String tenantId, @PathVariable String appId) {
        return gate(TenantAccess.read(tenantId), tenantId, appId)
                .then(tokens.withToken(appId, token -> wechat.subscriptions().list(appId, token)))
                .map(templates -> Map.of("appId", appId, "templates", templates));
    }

    /** {@code {tid, keywordIds: [...], sceneDesc?}}: a template of WeChat's library with the keywords chosen. */
    record AddRequest(String tid, List<Integer> keywordIds, String sceneDesc) {}

    @PostMapping("/subscription-templates")
    Mono<ResponseEntity<SubscriptionTemplate>> add(
            @PathVariable String tenantId, @PathVariable String appId, @RequestBody AddRequest request) {
        if (request.tid() == null || request.tid().isBlank()) {
            return Mono.error(ApiException.validation(Map.of("tid", "is required")));
        }
        if (request.keywordIds() == null || request.keywordIds().isEmpty()) {
            return Mono.error(ApiException.validation(Map.of("keywordIds", "needs at least one keyword id")));
        }
        return gate(TenantAccess.write(tenantId), tenantId, appId)
                .then(tokens.withToken(
                        appId,
                        token -> wechat.subscriptions()
                                .add(appId, token, request.tid(), request.keywordIds(), request.sceneDesc())
                                .flatMap(templateId -> wechat.subscriptions()
                                        .list(appId, token)
                                        .flatMapIterable(all -> all)
                                        .filter(template ->
                                                template.templateId().equals(templateId))
                                        .next())))
                .map(template -> ResponseEntity.created(URI.create("/api/v1/tenants/" + tenantId + "/accounts/" + appId
                                + "/subscription-templates/" + template.templateId()))
                        .body(template));
    }

    @DeleteMapping("/subscription-templates/{templateId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> delete(@PathVariable String tenantId, @PathVariable String appId, @PathVariable String templateId) {
        return gate(TenantAccess.write(tenantId), tenantId, appId)
                .then(tokens.withToken(appId, token -> wechat.subscriptions().delete(appId, token, templateId)));
    }

    /** The categories of WeChat's template library the account chose. */
    @GetMapping("/subscription-categories")
    Mono<Map<String, Object>> categories(@PathVariable String tenantId, @PathVariable String appId) {
        return gate(TenantAccess.read(tenantId), tenantId, appId)
                .then(tokens.withToken(appId, token -> wechat.subscriptions().categories(appId, token)))
                .map(categories -> Map.of("categories", categories));
    }

    /** The keywords of library template {@code tid}, to pick {@code keywordIds} from. */
    @GetMapping("/subscription-library/{tid}/keywords")
    Mono<Map<String, Object>> keywords(
            @PathVariable String tenantId, @PathVariable String appId, @PathVariable String tid) {
        return gate(TenantAccess.read(tenantId), tenantId, appId)
                .then(tokens.withToken(appId, token -> wechat.subscriptions().keywords(appId, token, tid)))
                .map(keywords -> Map.of("tid", tid, "keywords", keywords));
    }

    /** The follower's latest choice per template, as WeChat's popup and change events reported it. */
    @GetMapping("/subscription-consents/{openId}")
    Mono<Map<String, Object>> consents(
            @PathVariable String tenantId, @PathVariable String appId, @PathVariable String openId) {
        return TenantAccess.read(tenantId)
                .then(accounts.owned(tenantId, appId))
                .then(consents.of(tenantId, appId, openId).collectList())
                .map(list -> Map.of("openId", openId, "subscriptions", list));
    }

    @PostMapping("/messages/subscription")
    Mono<ResponseEntity<OutboundMessage>> send(
            @PathVariable String tenantId,
            @PathVariable String appId,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
            @RequestBody SubscriptionSendRequest request) {
        return TenantAccess.write(tenantId)
                .then(sends.accept(tenantId, appId, idempotencyKey, request))
                .map(accepted -> ResponseEntity.accepted()
                        .location(URI.create(accepted.message().statusUrl()))
                        .header("Idempotent-Replayed", String.valueOf(accepted.repeat()))
                        .body(accepted.message()));
    }

    private Mono<Void> gate(Mono<?> access, String tenantId, String appId) {
        return access.then(accounts.mayCall(tenantId, appId, ApiGroup.ONE_TIME_SUBSCRIPTION_MESSAGES))
                .then();
    }
}
