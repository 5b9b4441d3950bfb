package io.wxplatform.token.oauth;

import io.wxplatform.support.web.ApiException;
import io.wxplatform.token.internal.WeChatProblems;
import io.wxplatform.wechat.api.WeChatApiException;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Web authorization for user-service's OAuth broker (internal API: the shared service credential, never routed by
 * the gateway): how to ask WeChat's authorize page for the account, and the code exchange that needs a secret.
 */
@RestController
@RequestMapping("/internal/v1/accounts/{appId}/oauth")
class InternalOAuthController {

    private final OAuthExchanges exchanges;

    InternalOAuthController(OAuthExchanges exchanges) {
        this.exchanges = exchanges;
    }

    @GetMapping("/client")
    Mono<OAuthClientView> client(@PathVariable String appId) {
        return exchanges.client(appId);
    }

    /** WeChat's refusals (40029 unknown code, 40163 used code, …) come back as {@code WECHAT_ERROR} problems. */
    @PostMapping("/exchange")
    Mono<OAuthGrantView> exchange(@PathVariable String appId, @RequestBody OAuthExchangeRequest request) {
        if (request.code() == null || request.code().isBlank()) {
            return Mono.error(ApiException.validation(Map.of("code", "is required")));
        }
        return exchanges
                .exchange(appId, request.code())
                .map(token -> OAuthGrantView.of(appId, token))
                .onErrorMap(WeChatApiException.class, WeChatProblems::of);
    }
}
