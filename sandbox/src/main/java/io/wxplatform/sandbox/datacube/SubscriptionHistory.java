package io.wxplatform.sandbox.datacube;

import io.wxplatform.sandbox.web.Resettable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.stereotype.Component;

/**
 * Every account's subscriptions and unsubscriptions per day of WeChat's calendar (China time) and channel
 * ({@code user_source}), as the follower registry and the bulk generator report them: what the datacube endpoints
 * compute their figures from. Counts per day, not per follower, so millions of generated followers cost nothing.
 */
@Component
public class SubscriptionHistory implements Resettable {

    /** WeChat's days are China's. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    /** WeChat's "other" channel, where lost followers are reported here. */
    public static final int OTHER = 0;

    private static final Map<String, Integer> SOURCES = Map.of(
            "ADD_SCENE_SEARCH", 1,
            "ADD_SCENE_PROFILE_CARD", 17,
            "ADD_SCENE_QR_CODE", 30,
            "ADD_SCENE_PROFILE_LINK", 57,
            "ADD_SCENE_PAID", 100,
            "ADD_SCENE_REPRINT", 161,
            "ADD_SCENE_WECHAT_ADVERTISEMENT", 100,
            "ADD_SCENE_LIVESTREAM", 201,
            "ADD_SCENE_CHANNELS", 200);

    /** One channel's figures on one day. */
    public record Figures(long newUsers, long cancelUsers) {

        Figures plus(Figures other) {
            return new Figures(newUsers + other.newUsers, cancelUsers + other.cancelUsers);
        }
    }

    private final ConcurrentMap<String, NavigableMap<LocalDate, Map<Integer, Figures>>> byAccount =
            new ConcurrentHashMap<>();

    /** WeChat's channel number for a user/info {@code subscribe_scene}; {@link #OTHER} when it has none. */
    public static int source(String subscribeScene) {
        return subscribeScene == null ? OTHER : SOURCES.getOrDefault(subscribeScene, OTHER);
    }

    public void subscribed(String appId, Instant at, int source, long count) {
        add(appId, at, source, new Figures(count, 0));
    }

    public void unsubscribed(String appId, Instant at, long count) {
        add(appId, at, OTHER, new Figures(0, count));
    }

    /** A copy of the day's figures per channel (empty when nothing happened). */
    public Map<Integer, Figures> day(String appId, LocalDate day) {
        NavigableMap<LocalDate, Map<Integer, Figures>> days = days(appId);
        synchronized (days) {
            return new TreeMap<>(days.getOrDefault(day, Map.of()));
        }
    }

    /** Followers at the end of {@code day}: everyone who came up to then minus everyone who left. */
    public long cumulate(String appId, LocalDate day) {
        NavigableMap<LocalDate, Map<Integer, Figures>> days = days(appId);
        synchronized (days) {
            long total = 0;
            for (Map<Integer, Figures> figures : days.headMap(day, true).values()) {
                for (Figures f : figures.values()) {
                    total += f.newUsers - f.cancelUsers;
                }
            }
            return total;
        }
    }

    private void add(String appId, Instant at, int source, Figures figures) {
        NavigableMap<LocalDate, Map<Integer, Figures>> days = days(appId);
        synchronized (days) {
            days.computeIfAbsent(LocalDate.ofInstant(at, ZONE), day -> new TreeMap<>())
                    .merge(source, figures, Figures::plus);
        }
    }

    private NavigableMap<LocalDate, Map<Integer, Figures>> days(String appId) {
        return byAccount.computeIfAbsent(appId, id -> new TreeMap<>());
    }

    @Override
    public void reset() {
        byAccount.clear();
    }
}
