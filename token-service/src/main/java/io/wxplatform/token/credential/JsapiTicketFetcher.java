package io.wxplatform.token.credential;

import io.wxplatform.wechat.api.ErrorCategory;
import io.wxplatform.wechat.api.WeChatApiException;
import io.wxplatform.wechat.api.WeChatClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * jsapi_tickets: getticket with the account's current access token. When WeChat says that token is stale, it is
 * reported (one forced refresh per version) and the call made once more with the new one.
 */
@Component
class JsapiTicketFetcher implements CredentialFetcher {

    private final WeChatClient wechat;

    JsapiTicketFetcher(WeChatClient wechat) {
        this.wechat = wechat;
    }

    @Override
    public Mono<Fetched> fetch(Fetch fetch, CredentialEngine engine) {
        String appId = fetch.appId();
        return engine.current(CredentialKind.ACCESS_TOKEN, appId)
                .flatMap(token -> wechat.tickets()
                        .jsapiTicket(appId, engine.open(token))
                        .onErrorResume(
                                WeChatApiException.class,
                                error -> error.category() == ErrorCategory.TOKEN_INVALID
                                        ? engine.reportInvalid(CredentialKind.ACCESS_TOKEN, appId, token.version())
                                                .then(engine.current(CredentialKind.ACCESS_TOKEN, appId))
                                                .flatMap(
                                                        next -> wechat.tickets().jsapiTicket(appId, engine.open(next)))
                                        : Mono.error(error)))
                .map(ticket -> new Fetched(ticket.value(), ticket.expiresIn()));
    }
}
