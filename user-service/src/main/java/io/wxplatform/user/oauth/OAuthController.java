package io.wxplatform.user.oauth;

import io.wxplatform.support.accounts.WeChatAccounts;
import io.wxplatform.support.security.TenantAccess;
import io.wxplatform.support.web.ApiException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The tenant's side of the OAuth broker: the account's redirect_uri allowlist, and redeeming a platform code (once)
 * for the WeChat user's identity.
 */
@RestController
@RequestMapping("/api/v1/tenants/{tenantId}/accounts/{appId}/oauth")
class OAuthController {

    private final WeChatAccounts accounts;
    private final OAuthClients clients;
    private final PlatformCodes codes;
    private final OAuthProperties properties;

    OAuthController(WeChatAccounts accounts, OAuthClients clients, PlatformCodes codes, OAuthProperties properties) {
        this.accounts = accounts;
        this.clients = clients;
        this.codes = codes;
        this.properties = properties;
    }

    @GetMapping("/redirect-uris")
    Mono<RedirectUrisView> redirectUris(@PathVariable String tenantId, @PathVariable String appId) {
        return TenantAccess.read(tenantId)
                .then(accounts.owned(tenantId, appId))
                .then(clients.ofTenant(tenantId, appId)
                        .map(OAuthClients.Client::redirectUris)
                        .defaultIfEmpty(List.of()))
                .map(uris -> new RedirectUrisView(appId, uris));
    }

    /** Each entry an http(s) origin with a path prefix, no query, fragment or user info. */
    @PutMapping("/redirect-uris")
    Mono<RedirectUrisView> replaceRedirectUris(
            @PathVariable String tenantId, @PathVariable String appId, @RequestBody RedirectUrisRequest request) {
        return TenantAccess.write(tenantId)
                .then(accounts.owned(tenantId, appId))
                .then(Mono.fromSupplier(() -> entries(request)))
                .flatMap(uris -> clients.replace(tenantId, appId, uris))
                .map(client -> new RedirectUrisView(appId, client.redirectUris()));
    }

    /** The platform code from the tenant's redirect_uri, redeemed once for the user's identity. */
    @PostMapping("/codes/{code}:redeem")
    Mono<OAuthIdentity> redeem(@PathVariable String tenantId, @PathVariable String appId, @PathVariable String code) {
        return TenantAccess.write(tenantId)
                .then(accounts.owned(tenantId, appId))
                .then(codes.redeem(tenantId, appId, code));
    }

    private List<String> entries(RedirectUrisRequest request) {
        List<String> given = request == null || request.redirectUris() == null ? List.of() : request.redirectUris();
        if (given.size() > properties.maxRedirectUris()) {
            throw ApiException.validation(
                    Map.of("redirectUris", "at most " + properties.maxRedirectUris() + " entries"));
        }
        LinkedHashSet<String> entries = new LinkedHashSet<>();
        Map<String, String> errors = new LinkedHashMap<>();
        for (int i = 0; i < given.size(); i++) {
            Optional<String> entry = RedirectUris.entry(given.get(i));
            if (entry.isPresent()) {
                entries.add(entry.get());
            } else {
                errors.put(
                        "redirectUris[" + i + "]", "an http(s) origin and path, without query, fragment or user info");
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        return new ArrayList<>(entries);
    }
}
