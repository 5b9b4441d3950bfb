package io.wxplatform.user.qrcode;

import java.time.Instant;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Counts what each code brought, from inbound events: a subscribe through a code (EventKey {@code qrscene_<scene>},
 * the prefix removed only at the start by wechat-protocol's {@code SubscribeEvent.scene()}) is a scan and a new
 * follower; an existing follower's SCAN (bare scene) is a scan. Days are the event's CreateTime in UTC.
 */
@Component
public class QrAttribution {

    private final QrCodeStore store;

    QrAttribution(QrCodeStore store) {
        this.store = store;
    }

    public Mono<Void> newFollower(String appId, String scene, long createTime) {
        return store.scanned(appId, scene, QrCodeStore.day(createTime), true);
    }

    /** A follower who came through the code on the day of {@code subscribedAt} has unsubscribed. */
    public Mono<Void> left(String appId, String scene, Instant subscribedAt) {
        return store.left(appId, scene, QrCodeStore.day(subscribedAt.getEpochSecond()));
    }

    public Mono<Void> scan(String appId, String scene, long createTime) {
        return store.scanned(appId, scene, QrCodeStore.day(createTime), false);
    }
}
