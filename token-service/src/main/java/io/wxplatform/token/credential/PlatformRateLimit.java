package io.wxplatform.token.credential;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.wxplatform.support.mongo.MongoErrors;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import org.bson.Document;
import org.bson.conversions.Bson;
import reactor.core.publisher.Mono;

/**
 * WeChat token calls per second across every replica. Each second of time is one counter document in
 * {@code rate_windows} ({@code _id = wechat-token-calls|<epoch second>}); a call takes a permit with one atomic
 * conditional {@code $inc} (upserting the window's first permit). A call that finds its second full waits, without
 * blocking, for the next second (plus a little jitter, so waiting replicas do not all race at the boundary), and
 * gives up after {@code timeout}. Windows follow each replica's own clock: clock skew between hosts lets a real
 * second see up to two windows' worth.
 */
class PlatformRateLimit {

    static final String COLLECTION = "rate_windows";
    private static final String WINDOW = "wechat-token-calls|";
    /** Long enough to inspect recent windows; a TTL index deletes them after that. */
    private static final Duration KEPT = Duration.ofMinutes(10);

    private static final int BOUNDARY_JITTER_MILLIS = 50;

    private final MongoCollection<Document> windows;
    private final int callsPerSecond;
    private final Duration timeout;
    private final Clock clock;

    PlatformRateLimit(MongoDatabase database, int callsPerSecond, Duration timeout, Clock clock) {
        if (callsPerSecond < 1) {
            throw new IllegalArgumentException("platform-rate-limit must be at least 1 call per second");
        }
        this.windows = database.getCollection(COLLECTION);
        this.callsPerSecond = callsPerSecond;
        this.timeout = timeout;
        this.clock = clock;
    }

    /** Completes once a permit of the current second is ours; fails with a {@link TimeoutException} after the timeout. */
    Mono<Void> permit() {
        return Mono.defer(this::takeOrWaitForNextSecond)
                .repeatWhenEmpty(Integer.MAX_VALUE, waits -> waits)
                .timeout(
                        timeout,
                        Mono.error(() ->
                                new TimeoutException("no platform-wide WeChat token call permit within " + timeout)))
                .then();
    }

    /** True with a permit; empty after waiting for the next second because this one was full. */
    private Mono<Boolean> takeOrWaitForNextSecond() {
        long now = clock.millis();
        long second = Math.floorDiv(now, 1000);
        return take(second)
                .flatMap(taken -> taken
                        ? Mono.just(true)
                        : Mono.delay(Duration.ofMillis(1000
                                        - Math.floorMod(now, 1000)
                                        + ThreadLocalRandom.current().nextInt(BOUNDARY_JITTER_MILLIS)))
                                .then(Mono.empty()));
    }

    private Mono<Boolean> take(long second) {
        Bson notFull = Filters.and(Filters.eq("_id", WINDOW + second), Filters.lt("count", callsPerSecond));
        Bson increment = Updates.combine(
                Updates.inc("count", 1),
                Updates.setOnInsert(
                        "expiresAt", Date.from(Instant.ofEpochSecond(second).plus(KEPT))));
        return Mono.from(windows.findOneAndUpdate(
                        notFull,
                        increment,
                        new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER)))
                .hasElement()
                // The window exists and is full (the upsert's insert met its _id), or a concurrent first permit
                // created it a moment ago: only an update of the existing window can still tell.
                .onErrorResume(
                        MongoErrors::isDuplicateKey,
                        e -> Mono.from(windows.updateOne(notFull, increment))
                                .map(result -> result.getModifiedCount() == 1));
    }
}
