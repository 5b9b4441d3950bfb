package io.wxplatform.token.component;

import io.wxplatform.token.secret.SealedSecret;
import java.time.Instant;

/**
 * A third-party platform (component) of ours, {@code _id} = component appId, every secret sealed. {@code ticket} is
 * the last good {@code component_verify_ticket}: replaced only by one with a newer WeChat {@code CreateTime}.
 */
record PlatformComponent(
        String componentAppId,
        SealedSecret appSecret,
        SealedSecret token,
        SealedSecret encodingAesKey,
        SealedSecret previousEncodingAesKey,
        Ticket ticket,
        Instant createdAt,
        Instant updatedAt) {

    record Ticket(SealedSecret value, long createTime, Instant receivedAt) {}

    static String context(String componentAppId, String field) {
        return "component|" + componentAppId + "|" + field;
    }

    @Override
    public String toString() {
        return "Component[" + componentAppId + "]";
    }
}
