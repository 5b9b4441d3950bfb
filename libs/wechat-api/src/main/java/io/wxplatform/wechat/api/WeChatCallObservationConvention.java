package io.wxplatform.wechat.api;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import java.net.URI;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientRequestObservationContext;
import org.springframework.web.reactive.function.client.DefaultClientRequestObservationConvention;

/**
 * Names a WeChat call's metrics and span by its path only: the query carries the access token (and the component
 * secret's relatives), which must never reach a metric tag or a span attribute.
 */
final class WeChatCallObservationConvention extends DefaultClientRequestObservationConvention {

    @Override
    protected KeyValue uri(ClientRequestObservationContext context) {
        ClientRequest request = context.getRequest();
        return request == null
                ? super.uri(context)
                : KeyValue.of("uri", request.url().getRawPath());
    }

    @Override
    public KeyValues getHighCardinalityKeyValues(ClientRequestObservationContext context) {
        ClientRequest request = context.getRequest();
        if (request == null) {
            return KeyValues.empty();
        }
        URI url = request.url();
        String withoutQuery = url.getScheme() + "://" + url.getRawAuthority() + url.getRawPath();
        return KeyValues.of(KeyValue.of("http.url", withoutQuery));
    }

    @Override
    public String getContextualName(ClientRequestObservationContext context) {
        ClientRequest request = context.getRequest();
        return request == null
                ? "wechat"
                : "wechat " + request.method().name() + " " + request.url().getRawPath();
    }
}
