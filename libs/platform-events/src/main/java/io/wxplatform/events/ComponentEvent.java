package io.wxplatform.events;

import io.wxplatform.wechat.protocol.ComponentPush;
import io.wxplatform.wechat.protocol.ComponentPushes;
import io.wxplatform.wechat.protocol.EventIds;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A push to the third-party platform's authorization event URL ({@link Topics#COMPONENT}).
 *
 * <p><b>Carries a credential by design.</b> For {@code component_verify_ticket}, {@code fields} holds
 * {@code ComponentVerifyTicket}, which token-service needs to obtain the component_access_token; Kafka is how it gets
 * there (docs/architecture.md). The ticket alone grants nothing without the component AppSecret, which never leaves
 * token-service. Do not log {@code fields}; {@link #toString()} leaves them out. Authorization pushes likewise carry
 * a short-lived {@code AuthorizationCode}.
 *
 * @param eventId         deterministic ({@link EventIds#of(ComponentPush)})
 * @param authorizerAppId the account concerned, or null (verify ticket pushes)
 * @param createTime      WeChat's {@code CreateTime}, seconds since the epoch
 * @param fields          every field of the push, unknown ones included, in document order
 */
public record ComponentEvent(
        String eventId,
        String componentAppId,
        String infoType,
        String authorizerAppId,
        long createTime,
        Instant receivedAt,
        Map<String, String> fields) {

    private static final String TYPE_PREFIX = "io.wxplatform.wx.component.";

    public ComponentEvent {
        fields = fields == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    public static ComponentEvent of(ComponentPush push, Instant receivedAt) {
        return new ComponentEvent(
                EventIds.of(push),
                push.componentAppId(),
                push.infoType(),
                push.authorizerAppId(),
                push.createTime(),
                receivedAt,
                push.fields());
    }

    /** The typed push, rebuilt from {@link #fields}. */
    public ComponentPush push() {
        return ComponentPushes.fromFields(fields);
    }

    public String kafkaKey() {
        return componentAppId;
    }

    /** No tenant: pushes belong to the platform. {@code ce_appid} is the authorizer where there is one. */
    public CloudEvent cloudEvent() {
        return new CloudEvent(
                eventId,
                "/wx/component/" + componentAppId,
                TYPE_PREFIX + infoType,
                receivedAt,
                null,
                authorizerAppId != null ? authorizerAppId : componentAppId);
    }

    @Override
    public String toString() {
        return "ComponentEvent[eventId=" + eventId + ", componentAppId=" + componentAppId + ", infoType=" + infoType
                + ", authorizerAppId=" + authorizerAppId + ", createTime=" + createTime + ", receivedAt=" + receivedAt
                + ", fields=" + fields.keySet() + "]";
    }
}
