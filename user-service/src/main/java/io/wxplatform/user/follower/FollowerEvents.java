package io.wxplatform.user.follower;

import io.wxplatform.events.InboundEvent;
import io.wxplatform.support.inbound.InboundHandler;
import io.wxplatform.user.analytics.DailyCounts;
import io.wxplatform.user.location.LocationHistory;
import io.wxplatform.user.qrcode.QrAttribution;
import io.wxplatform.wechat.protocol.InboundMessage;
import io.wxplatform.wechat.protocol.LocationEvent;
import io.wxplatform.wechat.protocol.MassSendJobFinishEvent;
import io.wxplatform.wechat.protocol.PublishJobFinishEvent;
import io.wxplatform.wechat.protocol.ScanEvent;
import io.wxplatform.wechat.protocol.SubscribeEvent;
import io.wxplatform.wechat.protocol.TemplateSendJobFinishEvent;
import io.wxplatform.wechat.protocol.UnsubscribeEvent;
import java.time.Instant;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Keeps the follower registry in step with what followers do, counts scans of parametric codes and the day's
 * subscribes and unsubscribes, and keeps followers' locations. Times are WeChat's CreateTime, not arrival. The day's
 * counts come last in a chain: a failure before them leaves nothing counted for the retry to count again.
 */
@Component
class FollowerEvents implements InboundHandler {

    private final FollowerRegistry registry;
    private final QrAttribution attribution;
    private final DailyCounts daily;
    private final LocationHistory locations;

    FollowerEvents(FollowerRegistry registry, QrAttribution attribution, DailyCounts daily, LocationHistory locations) {
        this.registry = registry;
        this.attribution = attribution;
        this.daily = daily;
        this.locations = locations;
    }

    /** A follower who came through a code and leaves counts against that code's day. */
    private Mono<Void> leftCode(InboundEvent event, Follower follower) {
        if (!follower.subscribed() || follower.scene() == null || follower.subscribedAt() == null) {
            return Mono.empty();
        }
        return attribution.left(event.appId(), follower.scene(), follower.subscribedAt());
    }

    @Override
    public Mono<Void> handle(InboundEvent event) {
        InboundMessage message = event.message();
        Instant at = Instant.ofEpochSecond(message.createTime());
        if (message instanceof SubscribeEvent subscribe) {
            String scene = subscribe.scene().orElse(null);
            return registry.subscribed(event, at, scene)
                    .then(
                            scene == null
                                    ? Mono.empty()
                                    : attribution.newFollower(event.appId(), scene, message.createTime()))
                    .then(daily.subscribed(event.appId(), scene, message.createTime()));
        }
        if (message instanceof ScanEvent scan
                && scan.scene() != null
                && !scan.scene().isEmpty()) {
            return registry.interacted(event, at)
                    .then(attribution.scan(event.appId(), scan.scene(), message.createTime()));
        }
        if (message instanceof UnsubscribeEvent) {
            return registry.find(event.appId(), event.openId())
                    .flatMap(follower -> registry.unsubscribed(event, at)
                            .then(leftCode(event, follower))
                            .then(daily.unsubscribed(event.appId(), follower.scene(), message.createTime()))
                            .thenReturn(follower))
                    .switchIfEmpty(registry.unsubscribed(event, at)
                            .then(daily.unsubscribed(event.appId(), null, message.createTime()))
                            .then(Mono.empty()))
                    .then();
        }
        if (message instanceof LocationEvent location) {
            return registry.interacted(event, at).then(locations.reported(event, location));
        }
        if (message instanceof TemplateSendJobFinishEvent
                || message instanceof MassSendJobFinishEvent
                || message instanceof PublishJobFinishEvent) {
            return Mono.empty(); // WeChat reporting on our sends or publishing, not the follower doing something
        }
        return registry.interacted(event, at);
    }
}
