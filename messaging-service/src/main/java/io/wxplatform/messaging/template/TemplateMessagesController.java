package io.wxplatform.messaging.template;

import io.wxplatform.messaging.send.OutboundMessage;
import io.wxplatform.support.security.TenantAccess;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Template sends: 202 once stored, with the status URL, which is send's {@code GET …/messages/{id}} (template sends
 * live beside customer-service sends and show there with their delivery status).
 */
@RestController
class TemplateMessagesController {

    private final TemplateSends sends;

    TemplateMessagesController(TemplateSends sends) {
        this.sends = sends;
    }

    @PostMapping("/api/v1/tenants/{tenantId}/accounts/{appId}/messages/template")
    Mono<ResponseEntity<OutboundMessage>> send(
            @PathVariable String tenantId,
            @PathVariable String appId,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
            @RequestBody TemplateSendRequest request) {
        return TenantAccess.write(tenantId)
                .then(sends.accept(tenantId, appId, idempotencyKey, request))
                .map(accepted -> ResponseEntity.accepted()
                        .location(URI.create(accepted.message().statusUrl()))
                        .header("Idempotent-Replayed", String.valueOf(accepted.repeat()))
                        .body(accepted.message()));
    }
}
