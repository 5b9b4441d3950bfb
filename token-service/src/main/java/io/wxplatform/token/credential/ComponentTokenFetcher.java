package io.wxplatform.token.credential;

import io.wxplatform.support.web.ApiException;
import io.wxplatform.token.component.ComponentRegistry;
import io.wxplatform.wechat.api.WeChatApiException;
import io.wxplatform.wechat.api.WeChatClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * component_access_tokens: api_component_token with the component AppSecret and its last good verify ticket.
 * 61005/61006 (ticket expired or invalid) are an ordinary failure: the next ticket push makes the credential due.
 */
@Component
class ComponentTokenFetcher implements CredentialFetcher {

    private static final Logger log = LoggerFactory.getLogger(ComponentTokenFetcher.class);

    private final ComponentRegistry components;
    private final WeChatClient wechat;

    ComponentTokenFetcher(ComponentRegistry components, WeChatClient wechat) {
        this.components = components;
        this.wechat = wechat;
    }

    @Override
    public Mono<Fetched> fetch(Fetch fetch, CredentialEngine engine) {
        String componentAppId = fetch.appId();
        return components
                .tokenInputs(componentAppId)
                .switchIfEmpty(Mono.error(() -> ApiException.conflict(
                        "COMPONENT_TICKET_MISSING",
                        "component " + componentAppId + " is unknown or has no verify ticket yet")))
                .flatMap(inputs ->
                        wechat.component().componentToken(componentAppId, inputs.appSecret(), inputs.verifyTicket()))
                .doOnError(
                        WeChatApiException.class,
                        error -> log.warn(
                                "WeChat refused a component_access_token for {} ({} {}); waiting for the next ticket or "
                                        + "backing off",
                                componentAppId,
                                error.errcode(),
                                error.category()))
                .map(token -> new Fetched(token.value(), token.expiresIn()));
    }
}
