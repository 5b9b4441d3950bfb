package io.wxplatform.messaging.send;

import io.wxplatform.messaging.media.MediaAssets;
import io.wxplatform.messaging.window.ConversationWindows;
import io.wxplatform.support.accounts.WeChatAccounts;
import io.wxplatform.support.web.ApiException;
import io.wxplatform.tokenclient.TokenClient;
import io.wxplatform.wechat.api.ApiGroup;
import io.wxplatform.wechat.api.WeChatClient;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.bson.Document;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Accepting a customer-service send: the account is the tenant's and may send (permission table), the request is
 * valid, the follower's window has room (else 409 {@code OUTSIDE_WINDOW}, no WeChat call); then the send is stored
 * ACCEPTED and handed to the {@link Dispatcher}. With an {@code Idempotency-Key} the send's id derives from the key,
 * so a repeat finds the first send and returns it, whatever happened since.
 */
@Component
public class CustomerServiceSends {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final WeChatAccounts accounts;
    private final ConversationWindows windows;
    private final OutboundMessages outbound;
    private final Dispatcher dispatcher;
    private final WeChatClient wechat;
    private final TokenClient tokens;
    private final Clock clock;
    private final MediaAssets assets;

    CustomerServiceSends(
            WeChatAccounts accounts,
            ConversationWindows windows,
            OutboundMessages outbound,
            Dispatcher dispatcher,
            WeChatClient wechat,
            TokenClient tokens,
            Clock clock,
            MediaAssets assets) {
        this.assets = assets;
        this.accounts = accounts;
        this.windows = windows;
        this.outbound = outbound;
        this.dispatcher = dispatcher;
        this.wechat = wechat;
        this.tokens = tokens;
        this.clock = clock;
    }

    /** The accepted send, and whether it is a repeat of an earlier request with the same key. */
    record Accepted(OutboundMessage message, boolean repeat) {}

    Mono<Accepted> accept(String tenantId, String appId, String idempotencyKey, CustomMessageRequest request) {
        return Idempotency.checkKey(idempotencyKey)
                .then(accounts.mayCall(tenantId, appId, ApiGroup.CUSTOMER_SERVICE_MESSAGES)
                        .then(withAsset(appId, request))
                        .flatMap(resolved -> Mono.fromCallable(resolved::toWeChat)
                                .then(Mono.defer(() -> {
                                    // The request as asked is what a repeat is compared with; the resolved one is
                                    // what is sent, also when resumed.
                                    String asked = JSON.writeValueAsString(request);
                                    String id = Idempotency.sendId(tenantId, appId, idempotencyKey);
                                    // Without a key the id is new: no earlier send to look up (one read less).
                                    Mono<Document> earlier = idempotencyKey == null ? Mono.empty() : outbound.byId(id);
                                    return earlier.map(existing -> repeat(existing, asked))
                                            .switchIfEmpty(Mono.defer(() -> store(
                                                    tenantId,
                                                    appId,
                                                    id,
                                                    idempotencyKey,
                                                    resolved,
                                                    JSON.writeValueAsString(resolved),
                                                    asked)));
                                }))));
    }

    /** A media message naming an asset is sent with the asset's current media_id (media.MediaAssets' checks). */
    private Mono<CustomMessageRequest> withAsset(String appId, CustomMessageRequest request) {
        String assetId = request.assetId();
        if (assetId == null) {
            return Mono.just(request);
        }
        return assets.currentMediaId(appId, assetId, request.mediaKind(), request.msgType() + ".assetId")
                .map(request::withAssetMediaId);
    }

    /**
     * A send the service makes itself (a reply rule answered by customer-service message): the same checks, storage
     * and dispatch as a tenant's request; the key makes a repeat return the first send instead of sending again.
     * The attempt continues the caller's trace.
     */
    public Mono<OutboundMessage> sendOnce(
            String tenantId, String appId, String idempotencyKey, CustomMessageRequest request) {
        return accept(tenantId, appId, idempotencyKey, request).map(Accepted::message);
    }

    /** Shows or hides the typing indicator: the same gate and window as a send, nothing stored. */
    Mono<Void> typing(String tenantId, String appId, String openId, boolean typing) {
        if (openId == null || openId.isBlank()) {
            return Mono.error(ApiException.validation(Map.of("openId", "is required")));
        }
        return accounts.mayCall(tenantId, appId, ApiGroup.CUSTOMER_SERVICE_MESSAGES)
                .then(windows.check(appId, openId, clock.instant()))
                .then(tokens.withToken(appId, token -> wechat.messages().typing(appId, token, openId, typing)));
    }

    private Mono<Accepted> store(
            String tenantId,
            String appId,
            String id,
            String key,
            CustomMessageRequest request,
            String json,
            String asked) {
        Instant now = clock.instant();
        Document send = new Document("_id", id)
                .append("tenantId", tenantId)
                .append("appId", appId)
                .append("openId", request.openId())
                .append("msgType", request.msgType())
                .append("content", OutboundMessage.preview(request.preview()))
                .append("request", json)
                .append("requestHash", Idempotency.hash(asked))
                .append("status", OutboundStatus.ACCEPTED.name())
                .append("attempts", 0)
                .append("leaseUntil", OutboundMessages.UNCLAIMED)
                .append("createdAt", Date.from(now));
        if (key != null) {
            send.append("idempotencyKey", key);
        }
        return windows.take(appId, request.openId(), now)
                .then(outbound.insert(send))
                .flatMap(inserted -> inserted
                        ? Mono.deferContextual(context -> {
                            // The attempt runs on its own, in the trace of the request or event that asked for it.
                            dispatcher.start(id, appId, context);
                            return Mono.just(new Accepted(OutboundMessage.fromDocument(send), false));
                        })
                        // The same key raced in meanwhile: answer with the send it stored.
                        : outbound.byId(id).map(existing -> repeat(existing, asked)));
    }

    private static Accepted repeat(Document existing, String json) {
        return new Accepted(Idempotency.repeat(existing, json), true);
    }
}
