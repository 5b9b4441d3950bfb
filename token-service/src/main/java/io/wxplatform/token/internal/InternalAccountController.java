package io.wxplatform.token.internal;

import io.wxplatform.support.web.ApiException;
import io.wxplatform.token.credential.AccessTokens;
import io.wxplatform.token.credential.IssuedTicket;
import io.wxplatform.token.credential.IssuedToken;
import io.wxplatform.token.credential.JsapiTickets;
import io.wxplatform.wechat.api.WeChatApiException;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The internal API for platform services (callers authenticate with the shared service credential; the filter on
 * {@code /internal/**} comes from platform-support). Never routed by the gateway.
 */
@RestController
@RequestMapping("/internal/v1/accounts/{appId}")
class InternalAccountController {

    private final CallbackSettings callbackSettings;
    private final AccessTokens accessTokens;
    private final JsapiTickets jsapiTickets;

    InternalAccountController(CallbackSettings callbackSettings, AccessTokens accessTokens, JsapiTickets jsapiTickets) {
        this.callbackSettings = callbackSettings;
        this.accessTokens = accessTokens;
        this.jsapiTickets = jsapiTickets;
    }

    @GetMapping("/callback-settings")
    Mono<CallbackSettingsView> callbackSettings(@PathVariable String appId) {
        return callbackSettings.of(appId);
    }

    @GetMapping("/access-token")
    Mono<IssuedToken> accessToken(@PathVariable String appId) {
        return accessTokens.current(appId).onErrorMap(WeChatApiException.class, WeChatProblems::of);
    }

    @GetMapping("/jsapi-ticket")
    Mono<IssuedTicket> jsapiTicket(@PathVariable String appId) {
        return jsapiTickets.current(appId).onErrorMap(WeChatApiException.class, WeChatProblems::of);
    }

    /** Answers once a newer token is stored, so the reporter's next read gets it. */
    @PostMapping("/access-token/invalid")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Mono<Void> invalid(@PathVariable String appId, @RequestBody InvalidTokenReport report) {
        if (report.version() == null || report.version() < 1) {
            return Mono.error(ApiException.validation(Map.of("version", "must be a stored version (1 or more)")));
        }
        return accessTokens
                .reportInvalid(appId, report.version())
                .onErrorMap(WeChatApiException.class, WeChatProblems::of);
    }
}
