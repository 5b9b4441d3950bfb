package io.wxplatform.token.component;

import io.wxplatform.support.security.TenantAccess;
import io.wxplatform.token.internal.WeChatProblems;
import io.wxplatform.wechat.api.WeChatApiException;
import java.net.URI;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;

/**
 * Tenant admins start authorizations ({@code /api/**}, tenant-scoped); the account owner's browser comes back on
 * {@code /connect/**}, which is public (no JWT: it is WeChat's redirect).
 */
@RestController
class AuthorizationController {

    private final Authorizations authorizations;

    AuthorizationController(Authorizations authorizations) {
        this.authorizations = authorizations;
    }

    @PostMapping("/api/v1/tenants/{tenantId}/authorizations")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<AuthorizationView> start(@PathVariable String tenantId, @RequestBody StartAuthorizationRequest request) {
        return TenantAccess.write(tenantId)
                .then(authorizations.start(tenantId, request))
                .onErrorMap(WeChatApiException.class, WeChatProblems::of);
    }

    @GetMapping("/api/v1/tenants/{tenantId}/authorizations/{authorizationId}")
    Mono<AuthorizationView> get(@PathVariable String tenantId, @PathVariable String authorizationId) {
        return TenantAccess.read(tenantId).then(authorizations.get(tenantId, authorizationId));
    }

    /** 302 to the admin's returnUrl (with {@code authorizationId} and {@code state}), or a small page. */
    @GetMapping("/connect/v1/authorizations/{authorizationId}/return")
    Mono<ResponseEntity<String>> returned(
            @PathVariable String authorizationId, @RequestParam(name = "auth_code", required = false) String authCode) {
        return authorizations.returned(authorizationId, authCode).map(pending -> {
            String state = pending.state().name();
            if (pending.returnUrl() != null) {
                URI target = UriComponentsBuilder.fromUriString(pending.returnUrl())
                        .queryParam("authorizationId", pending.id())
                        .queryParam("state", state)
                        .build()
                        .encode()
                        .toUri();
                return ResponseEntity.status(HttpStatus.FOUND).location(target).<String>build();
            }
            return ResponseEntity.ok()
                    .contentType(MediaType.TEXT_HTML)
                    .header(HttpHeaders.CACHE_CONTROL, "no-store")
                    .body(page(state));
        });
    }

    private static String page(String state) {
        String message = switch (state) {
            case "COMPLETED" -> "The account is connected. You can close this page.";
            case "REFUSED" -> "This account is managed by another tenant of the platform; nothing was changed.";
            case "FAILED" -> "WeChat did not confirm the authorization. Please start again.";
            default -> "The authorization is still being processed. Check its status in the console.";
        };
        return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Authorization " + state
                + "</title></head><body><p>" + message + "</p></body></html>";
    }
}
