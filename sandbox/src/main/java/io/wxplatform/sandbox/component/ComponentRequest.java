package io.wxplatform.sandbox.component;

import java.time.Duration;

/**
 * Body of {@code POST /sandbox/components}. {@code messageUrlTemplate} may contain {@code $APPID$}, which WeChat
 * replaces with the authorizer's appid; {@code verifyTicketInterval} {@code PT0S} pushes tickets only on demand.
 */
public record ComponentRequest(
        String componentAppId,
        String componentAppSecret,
        String token,
        String encodingAesKey,
        String authEventUrl,
        String messageUrlTemplate,
        Duration verifyTicketInterval) {

    @Override
    public String toString() {
        return "ComponentRequest[" + componentAppId + "]";
    }
}
