package io.wxplatform.sandbox.follower;

import io.wxplatform.sandbox.web.Resettable;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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

    /** Of one content: how many of the account's followers received it, how often in all, how many more than once. */
    public record Tally(int followers, int deliveries, int twiceOrMore) {}

    /**
     * What the account's followers received from {@code source}, by content (a mass send's text, say): for counting a
     * send to many followers at once, where reading every inbox would take a request each.
     */
    public Map<String, Tally> tally(String appId, InboxEntry.Source source) {
        String prefix = appId + '|';
        Map<String, int[]> counts = new HashMap<>();
        byFollower.forEach((key, entries) -> {
            if (!key.startsWith(prefix)) {
                return;
            }
            Map<String, Integer> received = new HashMap<>();
            synchronized (this) {
                for (InboxEntry entry : entries) {
                    if (entry.source() == source && entry.content() != null) {
                        received.merge(entry.content(), 1, Integer::sum);
                    }
                }
            }
            received.forEach((content, times) -> {
                int[] tally = counts.computeIfAbsent(content, c -> new int[3]);
                tally[0]++;
                tally[1] += times;
                tally[2] += times > 1 ? 1 : 0;
            });
        });
        Map<String, Tally> tallies = new TreeMap<>();
        counts.forEach((content, tally) -> tallies.put(content, new Tally(tally[0], tally[1], tally[2])));
        return tallies;
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
