package io.wxplatform.messaging.window;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.or;

import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.wxplatform.support.mongo.MongoErrors;
import java.time.Instant;
import java.util.Date;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/**
 * Each follower's customer-service window, {@code conversation_windows} {@code {_id: appId|openId, messageAt,
 * messageSends, eventAt, eventSends, unsubscribedAt}}, fed by inbound events and spent by sends. Every change is one
 * conditional single-document update: an older event never moves a window back, and a send takes one of the window's
 * allowance only while some is left.
 */
@Repository
@EnableConfigurationProperties(WindowProperties.class)
public class ConversationWindows {

    static final String COLLECTION = "conversation_windows";

    private final MongoCollection<Document> collection;
    private final WindowProperties properties;

    ConversationWindows(MongoDatabase database, WindowProperties properties) {
        this.collection = database.getCollection(COLLECTION);
        this.properties = properties;
    }

    /** The follower wrote at {@code at}: a full window, its allowance reset. */
    Mono<Void> messaged(String appId, String openId, Instant at) {
        return opened(appId, openId, "messageAt", "messageSends", at);
    }

    /** A menu click, subscribe or scan at {@code at}: the short window, its allowance reset. */
    Mono<Void> evented(String appId, String openId, Instant at) {
        return opened(appId, openId, "eventAt", "eventSends", at);
    }

    /** The follower left: both windows close until they come back (WeChat would answer 45015). */
    public Mono<Void> unsubscribed(String appId, String openId, Instant at) {
        Bson closeBoth = Updates.combine(
                Updates.set("unsubscribedAt", Date.from(at)), Updates.unset("messageAt"), Updates.unset("eventAt"));
        return upsertUnlessNewer(appId, openId, "unsubscribedAt", closeBoth, at);
    }

    /**
     * Takes one send from the follower's window (the message window first, then an event window), or fails with 409
     * {@code OUTSIDE_WINDOW} saying when the window closed.
     */
    public Mono<Void> take(String appId, String openId, Instant now) {
        Bson id = eq("_id", key(appId, openId));
        return take(
                        id,
                        "messageAt",
                        "messageSends",
                        properties.messageWindow().toMillis(),
                        properties.sendsPerMessage(),
                        now)
                .switchIfEmpty(take(
                        id,
                        "eventAt",
                        "eventSends",
                        properties.eventWindow().toMillis(),
                        properties.sendsPerEvent(),
                        now))
                .switchIfEmpty(refusal(appId, openId, now))
                .then();
    }

    /** Fails like {@link #take} when no send could reach the follower now, without spending any (typing). */
    public Mono<Void> check(String appId, String openId, Instant now) {
        return Mono.from(collection.find(eq("_id", key(appId, openId))).first())
                .filter(doc -> open(
                                doc,
                                "messageAt",
                                "messageSends",
                                properties.messageWindow().toMillis(),
                                properties.sendsPerMessage(),
                                now)
                        || open(
                                doc,
                                "eventAt",
                                "eventSends",
                                properties.eventWindow().toMillis(),
                                properties.sendsPerEvent(),
                                now))
                .switchIfEmpty(refusal(appId, openId, now))
                .then();
    }

    private Mono<Document> take(Bson id, String at, String sends, long windowMillis, int allowance, Instant now) {
        Bson inWindow = gt(at, Date.from(now.minusMillis(windowMillis)));
        Bson left = allowance <= 0 ? exists(sends) : lt(sends, allowance);
        return Mono.from(collection.findOneAndUpdate(and(id, inWindow, left), Updates.inc(sends, 1)));
    }

    private boolean open(Document doc, String at, String sends, long windowMillis, int allowance, Instant now) {
        Date opened = doc.getDate(at);
        return opened != null
                && opened.toInstant().plusMillis(windowMillis).isAfter(now)
                && (allowance <= 0 || doc.getInteger(sends, 0) < allowance);
    }

    private Mono<Document> refusal(String appId, String openId, Instant now) {
        return Mono.from(collection.find(eq("_id", key(appId, openId))).first())
                .defaultIfEmpty(new Document())
                .flatMap(doc -> Mono.error(refusalOf(openId, doc, now)));
    }

    private Throwable refusalOf(String openId, Document doc, Instant now) {
        Date left = doc.getDate("unsubscribedAt");
        Instant messageEnd = end(doc, "messageAt", properties.messageWindow().toMillis());
        Instant eventEnd = end(doc, "eventAt", properties.eventWindow().toMillis());
        Instant closedAt = later(messageEnd, eventEnd);
        if (left != null && (closedAt == null || left.toInstant().isBefore(closedAt))) {
            return OutsideWindowException.of(openId, left.toInstant(), "the follower unsubscribed");
        }
        if (closedAt != null && closedAt.isAfter(now)) {
            return OutsideWindowException.of(openId, now, "the window's allowance of messages is used up");
        }
        return OutsideWindowException.of(openId, closedAt, "no message from the follower within the window");
    }

    private Mono<Void> opened(String appId, String openId, String at, String sends, Instant when) {
        return upsertUnlessNewer(
                appId, openId, at, Updates.combine(Updates.set(at, Date.from(when)), Updates.set(sends, 0)), when);
    }

    /** Applied unless the stored time is the same or newer, so a redelivered or late event changes nothing. */
    private Mono<Void> upsertUnlessNewer(String appId, String openId, String at, Bson update, Instant when) {
        Bson olderOrAbsent = or(exists(at, false), lt(at, Date.from(when)));
        return Mono.from(collection.updateOne(
                        and(eq("_id", key(appId, openId)), olderOrAbsent),
                        Updates.combine(update, Updates.set("appId", appId), Updates.set("openId", openId)),
                        new UpdateOptions().upsert(true)))
                // The document exists with a newer time, so the upsert's insert met its _id: nothing to do.
                .onErrorResume(MongoErrors::isDuplicateKey, stale -> Mono.empty())
                .then();
    }

    private static Instant end(Document doc, String at, long windowMillis) {
        Date opened = doc.getDate(at);
        return opened == null ? null : opened.toInstant().plusMillis(windowMillis);
    }

    private static Instant later(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }

    private static String key(String appId, String openId) {
        return appId + "|" + openId;
    }
}
