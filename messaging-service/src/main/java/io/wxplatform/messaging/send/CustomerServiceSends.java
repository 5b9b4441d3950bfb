package io.wxplatform.messaging.send;

import io.wxplatform.messaging.media.MediaAssets;
import io.wxplatform.messaging.window.ConversationWindows;
import io.wxplatform.support.accounts.WeChatAccounts;
import io.wxplatform.support.web.ApiException;
import io.wxplatform.tokenclient.TokenClient;
import io.wxplatform.wechat.api.ApiGroup;
import io.wxplatform.wechat.api.WeChatClient;
import java.time.Clock;
import java.util.Map;
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
    private final AcceptedSends sends;
    private final WeChatClient wechat;
    private final TokenClient tokens;
    private final Clock clock;
    private final MediaAssets assets;

    CustomerServiceSends(
            WeChatAccounts accounts,
            ConversationWindows windows,
            AcceptedSends sends,
            WeChatClient wechat,
            TokenClient tokens,
            Clock clock,
            MediaAssets assets) {
        this.assets = assets;
        this.accounts = accounts;
        this.windows = windows;
        this.sends = sends;
        this.wechat = wechat;
        this.tokens = tokens;
        this.clock = clock;
    }

    Mono<AcceptedSends.Accepted> accept(
            String tenantId, String appId, String idempotencyKey, CustomMessageRequest request) {
        return Idempotency.checkKey(idempotencyKey)
                .then(accounts.mayCall(tenantId, appId, ApiGroup.CUSTOMER_SERVICE_MESSAGES)
                        .then(withAsset(appId, request))
                        .flatMap(resolved -> Mono.fromCallable(resolved::toWeChat)
                                // The request as asked is what a repeat is compared with; the resolved one is what
                                // is sent, also when resumed. A new send takes its room in the follower's window.
                                .then(Mono.defer(() -> sends.once(
                                        tenantId,
                                        appId,
                                        idempotencyKey,
                                        JSON.writeValueAsString(request),
                                        windows.take(appId, resolved.openId(), clock.instant()),
                                        () -> new AcceptedSends.NewSend(
                                                resolved.openId(),
                                                resolved.msgType(),
                                                resolved.preview(),
                                                JSON.writeValueAsString(resolved),
                                                Map.of()))))));
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
        return accept(tenantId, appId, idempotencyKey, request).map(AcceptedSends.Accepted::message);
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
}
