package io.wxplatform.sandbox.follower;

import io.wxplatform.sandbox.datacube.SubscriptionHistory;
import io.wxplatform.sandbox.web.Resettable;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.springframework.stereotype.Component;

/**
 * Followers per account, kept in openId order so {@code user/get} can page them; every change is one atomic compute
 * on the follower's entry.
 */
@Component
public class FollowerRegistry implements Resettable {

    /** The interactions that open WeChat's short event window for customer-service messages. */
    private static final Set<String> WINDOW_EVENTS =
            Set.of("subscribe", "SCAN", "CLICK", "scancode_push", "scancode_waitmsg");

    private final ConcurrentMap<String, ConcurrentNavigableMap<String, Follower>> byAccount = new ConcurrentHashMap<>();
    private final ConversationProperties props;
    private final SubscriptionHistory history;

    FollowerRegistry(ConversationProperties props, SubscriptionHistory history) {
        this.props = props;
        this.history = history;
    }

    public List<Follower> list(String appId) {
        return List.copyOf(followers(appId).values());
    }

    /** Up to {@code limit} subscribed followers after {@code afterOpenId} (empty: from the first), in openId order. */
    public List<String> subscribedAfter(String appId, String afterOpenId, int limit) {
        ConcurrentNavigableMap<String, Follower> all = followers(appId);
        Map<String, Follower> rest =
                afterOpenId == null || afterOpenId.isEmpty() ? all : all.tailMap(afterOpenId, false);
        return rest.values().stream()
                .filter(Follower::subscribed)
                .limit(limit)
                .map(Follower::openId)
                .toList();
    }

    public long subscribedCount(String appId) {
        return followers(appId).values().stream().filter(Follower::subscribed).count();
    }

    /**
     * A follower who subscribed at {@code at} without a callback (generated in bulk); false if already known. The
     * caller reports it to the {@link SubscriptionHistory} (with its channel, which only it knows).
     */
    public boolean addSubscribed(String appId, String openId, Instant at) {
        return followers(appId).putIfAbsent(openId, Follower.subscribedNow(openId, at)) == null;
    }

    /** A follower who came at {@code subscribedAt} and left at {@code unsubscribedAt}, generated in bulk. */
    public boolean addUnsubscribed(String appId, String openId, Instant subscribedAt, Instant unsubscribedAt) {
        return followers(appId)
                        .putIfAbsent(
                                openId,
                                Follower.subscribedNow(openId, subscribedAt).unsubscribed(unsubscribedAt))
                == null;
    }

    public Optional<Follower> find(String appId, String openId) {
        return Optional.ofNullable(followers(appId).get(openId));
    }

    /** A message from the follower; someone not subscribed is subscribed first (the sandbox's convenience). */
    Follower messaged(String appId, String openId, Instant now) {
        return followers(appId)
                .compute(openId, (id, f) -> subscribed(appId, f, id, now).messaged(now));
    }

    /** An event from the follower. Returns empty for an unsubscribe from someone who never followed. */
    Optional<Follower> evented(String appId, String openId, String event, Instant now) {
        Map<String, Follower> followers = followers(appId);
        if ("unsubscribe".equals(event)) {
            return Optional.ofNullable(followers.computeIfPresent(openId, (id, f) -> {
                if (f.subscribed()) {
                    history.unsubscribed(appId, now, 1);
                }
                return f.unsubscribed(now);
            }));
        }
        return Optional.of(followers.compute(openId, (id, f) -> {
            Follower current = subscribed(appId, f, id, now);
            return WINDOW_EVENTS.contains(event)
                    ? current.evented(now, props.eventWindowSends())
                    : current.interacted(now);
        }));
    }

    /** Decides and, when allowed, counts one customer-service message, atomically. */
    public SendVerdict trySend(String appId, String openId, Instant now) {
        SendVerdict[] verdict = {SendVerdict.NOT_A_FOLLOWER};
        followers(appId).computeIfPresent(openId, (id, f) -> {
            verdict[0] = verdict(f, now);
            if (verdict[0] != SendVerdict.ALLOWED) {
                return f;
            }
            return inMessageWindow(f, now) && underMessageLimit(f) ? f.sentInMessageWindow() : f.sentInEventWindow();
        });
        return verdict[0];
    }

    /** Whether a customer-service message could reach the follower now, without counting one (the typing indicator). */
    public SendVerdict verdict(String appId, String openId, Instant now) {
        return find(appId, openId).map(f -> verdict(f, now)).orElse(SendVerdict.NOT_A_FOLLOWER);
    }

    private SendVerdict verdict(Follower f, Instant now) {
        if (!f.subscribed()) {
            return SendVerdict.NOT_SUBSCRIBED;
        }
        boolean messageWindow = inMessageWindow(f, now);
        boolean eventWindow = inEventWindow(f, now);
        if (messageWindow && underMessageLimit(f) || eventWindow && f.eventSendsLeft() > 0) {
            return SendVerdict.ALLOWED;
        }
        return messageWindow || eventWindow ? SendVerdict.LIMIT_REACHED : SendVerdict.OUT_OF_WINDOW;
    }

    private boolean inMessageWindow(Follower f, Instant now) {
        return f.lastMessageAt() != null && now.isBefore(f.lastMessageAt().plus(props.window()));
    }

    private boolean underMessageLimit(Follower f) {
        return props.sendsPerMessage() <= 0 || f.sendsSinceMessage() < props.sendsPerMessage();
    }

    private boolean inEventWindow(Follower f, Instant now) {
        return f.eventWindowStart() != null && now.isBefore(f.eventWindowStart().plus(props.eventWindow()));
    }

    /** The follower, subscribed now if they were not (counted as a new follower through WeChat's "other"). */
    private Follower subscribed(String appId, Follower f, String openId, Instant now) {
        if (f == null || !f.subscribed()) {
            history.subscribed(appId, now, SubscriptionHistory.OTHER, 1);
        }
        return f == null ? Follower.subscribedNow(openId, now) : f.resubscribed(now);
    }

    private ConcurrentNavigableMap<String, Follower> followers(String appId) {
        return byAccount.computeIfAbsent(appId, id -> new ConcurrentSkipListMap<>());
    }

    @Override
    public void reset() {
        byAccount.clear();
    }
}
