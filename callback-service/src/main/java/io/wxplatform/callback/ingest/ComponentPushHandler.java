package io.wxplatform.callback.ingest;

import java.util.Map;

import io.wxplatform.callback.settings.CallbackSettingsCache;
import io.wxplatform.events.ComponentEvent;
import io.wxplatform.wechat.protocol.ComponentPush;
import io.wxplatform.wechat.protocol.ComponentPushes;
import io.wxplatform.wechat.protocol.xml.XmlException;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The component's authorization event URL: verify tickets and (un)authorization pushes, sealed with the component's
 * Token and key, become {@link ComponentEvent}s on {@code wx.component.v1}, durable before {@code success}.
 */
@Component
class ComponentPushHandler {

    private final CallbackSettingsCache settings;
    private final CallbackIntake intake;

    ComponentPushHandler(CallbackSettingsCache settings, CallbackIntake intake) {
        this.settings = settings;
        this.intake = intake;
    }

    Mono<Answer> receive(String componentAppId, String requestId, ServerHttpRequest request) {
        Map<String, String> query = request.getQueryParams().toSingleValueMap();
        return intake.handle(componentAppId, requestId, deadline -> ComponentLookup
                .componentOf(settings, componentAppId)
                .map(Credentials::component)
                .flatMap(verifier -> intake.open(request, query, verifier))
                .map(callback -> ComponentEvent.of(parse(callback.innerXml(), componentAppId), intake.now()))
                .flatMap(event -> intake.publish(event, requestId, deadline, componentAppId))
                .thenReturn(Answer.SUCCESS));
    }

    /** The push must name the component it was sent to, as its ciphertext already did. */
    private static ComponentPush parse(String innerXml, String componentAppId) {
        ComponentPush push;
        try {
            push = ComponentPushes.parse(innerXml);
        } catch (XmlException e) {
            throw CallbackRejection.from(e);
        }
        if (!componentAppId.equals(push.componentAppId())) {
            throw CallbackRejection.of(RejectReason.APPID_MISMATCH);
        }
        return push;
    }
}
