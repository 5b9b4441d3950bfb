package io.wxplatform.sandbox.follower;

import io.wxplatform.sandbox.web.Resettable;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/** What each follower received, newest last, with a notifier so callers can wait for new messages. */
@Component
public class Inbox implements Resettable {

    private final ConcurrentMap<String, Deque<InboxEntry>> byFollower = new ConcurrentHashMap<>();
    private final Sinks.Many<String> appended = Sinks.many().multicast().directBestEffort();
    private final ConversationProperties props;
    private final Clock clock;
    private long lastSeq;

    Inbox(ConversationProperties props, Clock clock) {
        this.props = props;
        this.clock = clock;
    }

    public void append(
            String appId, String openId, InboxEntry.Source source, String msgType, String content, Object payload) {
        String key = key(appId, openId);
        Deque<InboxEntry> entries = byFollower.computeIfAbsent(key, k -> new ArrayDeque<>());
        // One lock keeps sequence numbers in append order and serializes emissions into the sink.
        synchronized (this) {
            entries.addLast(new InboxEntry(++lastSeq, source, msgType, content, payload, clock.instant()));
            while (entries.size() > props.inboxLimit()) {
                entries.removeFirst();
            }
            appended.tryEmitNext(key);
        }
    }

    public List<InboxEntry> entries(String appId, String openId) {
        Deque<InboxEntry> entries = byFollower.get(key(appId, openId));
        if (entries == null) {
            return List.of();
        }
        synchronized (this) {
            return List.copyOf(entries);
        }
    }

    /** Marks "now" for {@link #awaitCustomerMessages}. */
    public synchronized long lastSeq() {
        return lastSeq;
    }

    /**
     * Completes when at least {@code count} customer-service messages newer than {@code afterSeq} reached the
     * follower, or at the timeout with whatever arrived by then.
     */
    public Mono<List<InboxEntry>> awaitCustomerMessages(
            String appId, String openId, long afterSeq, int count, Duration timeout) {
        if (count <= 0) {
            return Mono.just(List.of());
        }
        String key = key(appId, openId);
        // The notifier is subscribed before the first look, so nothing appended in between is missed.
        Flux<String> changes = Flux.merge(appended.asFlux().filter(key::equals), Mono.just(key));
        return changes.map(k -> customerMessagesAfter(appId, openId, afterSeq))
                .filter(found -> found.size() >= count)
                .next()
                .timeout(timeout, Mono.fromSupplier(() -> customerMessagesAfter(appId, openId, afterSeq)));
    }

    private List<InboxEntry> customerMessagesAfter(String appId, String openId, long afterSeq) {
        return entries(appId, openId).stream()
                .filter(e -> e.seq() > afterSeq && e.source() == InboxEntry.Source.CUSTOMER_SERVICE)
                .toList();
    }

    private static String key(String appId, String openId) {
        return appId + '|' + openId;
    }

    @Override
    public synchronized void reset() {
        byFollower.clear();
    }
}
