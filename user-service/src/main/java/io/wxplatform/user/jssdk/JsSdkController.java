package io.wxplatform.user.jssdk;

import io.wxplatform.support.accounts.WeChatAccounts;
import io.wxplatform.support.security.TenantAccess;
import io.wxplatform.support.web.ApiException;
import io.wxplatform.tokenclient.TokenClient;
import io.wxplatform.wechat.api.ApiGroup;
import io.wxplatform.wechat.api.JsSdkSignature;
import java.net.URI;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code wx.config} for a tenant's web page: {@code {appId, timestamp, nonceStr, signature}} for exactly the URL the
 * page sends (its fragment removed), signed with the jsapi_ticket token-service keeps fresh for that account.
 */
@RestController
@RequestMapping("/api/v1/tenants/{tenantId}/accounts/{appId}/jssdk")
class JsSdkController {

    private final WeChatAccounts accounts;
    private final TokenClient tokens;
    private final Clock clock;

    JsSdkController(WeChatAccounts accounts, TokenClient tokens, Clock clock) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.clock = clock;
    }

    /** {@code url}: the page's {@code location.href}, URL-encoded as a query parameter. */
    @GetMapping("/signature")
    Mono<JsSdkSignature> sign(@PathVariable String tenantId, @PathVariable String appId, @RequestParam String url) {
        return TenantAccess.read(tenantId)
                .then(accounts.mayCall(tenantId, appId, ApiGroup.JSSDK_BASIC))
                .then(Mono.fromSupplier(() -> pageUrl(url)))
                .flatMap(page -> tokens.jsapiTicket(appId)
                        .map(ticket -> JsSdkSignature.of(
                                appId, ticket.ticket(), page, clock.instant().getEpochSecond())));
    }

    /** An absolute http(s) URL; signed as given, so the page must send its own {@code location.href}. */
    private static String pageUrl(String url) {
        String page = JsSdkSignature.withoutFragment(url);
        URI uri;
        try {
            uri = URI.create(page);
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        String scheme =
                uri == null || uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw ApiException.validation(Map.of("url", "the page's absolute http(s) URL"));
        }
        return page;
    }
}
