package io.wxplatform.messaging.send;

import io.wxplatform.support.accounts.WeChatAccounts;
import io.wxplatform.support.security.TenantAccess;
import io.wxplatform.support.web.ApiException;
import io.wxplatform.support.web.Page;
import io.wxplatform.support.web.Paging;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Customer-service messages of one account, visible only to the tenant that owns it (as token-service announced):
 * sends (202 once stored, with the status URL), their status and list, and the typing indicator.
 */
@RestController
@RequestMapping("/api/v1/tenants/{tenantId}/accounts/{appId}/messages")
class MessagesController {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final OutboundMessages outbound;
    private final WeChatAccounts accounts;
    private final CustomerServiceSends sends;

    MessagesController(OutboundMessages outbound, WeChatAccounts accounts, CustomerServiceSends sends) {
        this.outbound = outbound;
        this.accounts = accounts;
        this.sends = sends;
    }

    @GetMapping
    Mono<Page<OutboundMessage>> list(
            @PathVariable String tenantId,
            @PathVariable String appId,
            @RequestParam(required = false) String openId,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        Paging paging = Paging.of(page, size);
        return TenantAccess.read(tenantId)
                .then(accounts.owned(tenantId, appId))
                .flatMap(owner -> Mono.zip(
                        outbound.find(tenantId, appId, openId, paging.skip(), paging.size())
                                .collectList(),
                        outbound.count(tenantId, appId, openId)))
                .map(found -> Page.of(found.getT1(), paging, found.getT2()));
    }

    @PostMapping("/custom")
    Mono<ResponseEntity<OutboundMessage>> send(
            @PathVariable String tenantId,
            @PathVariable String appId,
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey,
            @RequestBody CustomMessageRequest request) {
        return TenantAccess.write(tenantId)
                .then(sends.accept(tenantId, appId, idempotencyKey, request))
                .map(accepted -> ResponseEntity.accepted()
                        .location(URI.create(accepted.message().statusUrl()))
                        .header("Idempotent-Replayed", String.valueOf(accepted.repeat()))
                        .body(accepted.message()));
    }

    @GetMapping("/{messageId}")
    Mono<OutboundMessage> status(
            @PathVariable String tenantId, @PathVariable String appId, @PathVariable String messageId) {
        return TenantAccess.read(tenantId)
                .then(accounts.owned(tenantId, appId))
                .then(outbound.of(tenantId, appId, messageId))
                .map(OutboundMessage::fromDocument)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound(
                        "MESSAGE_NOT_FOUND", "No message " + messageId + " of account " + appId)));
    }

    /** {@code {openId, typing: true|false}}: shows or hides "typing…" in the follower's chat. */
    record TypingRequest(String openId, Boolean typing) {}

    @PostMapping("/typing")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> typing(@PathVariable String tenantId, @PathVariable String appId, @RequestBody TypingRequest request) {
        return TenantAccess.write(tenantId)
                .then(sends.typing(tenantId, appId, request.openId(), !Boolean.FALSE.equals(request.typing())));
    }
}
