package io.wxplatform.sandbox.apicall;

import io.wxplatform.sandbox.web.Resettable;
import io.wxplatform.sandbox.web.WeChatException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * Every {@code /cgi-bin} call per account with WeChat's answer code, so tests can count how often a platform
 * really called WeChat (e.g. one stable_token call per token lifetime).
 */
@Component
public class ApiCallLog implements Resettable {

    /** Calls kept per account, oldest dropped first; enough for any test, bounded for benchmarks. */
    private static final int LIMIT = 1000;

    public record Entry(String api, Instant at, int errcode) {}

    private final ConcurrentMap<String, Deque<Entry>> byAppId = new ConcurrentHashMap<>();
    private final Clock clock;

    ApiCallLog(Clock clock) {
        this.clock = clock;
    }

    /** Runs one call of {@code api} for {@code appId} (null when the request named none) and records its answer. */
    public <T> T record(String appId, String api, Supplier<T> call) {
        try {
            T result = call.get();
            append(appId, new Entry(api, clock.instant(), 0));
            return result;
        } catch (WeChatException e) {
            append(appId, new Entry(api, clock.instant(), e.error().errcode()));
            throw e;
        }
    }

    public List<Entry> entries(String appId) {
        Deque<Entry> entries = byAppId.get(appId);
        if (entries == null) {
            return List.of();
        }
        synchronized (entries) {
            return List.copyOf(entries);
        }
    }

    private void append(String appId, Entry entry) {
        if (appId == null || appId.isBlank()) {
            return;
        }
        Deque<Entry> entries = byAppId.computeIfAbsent(appId, id -> new ArrayDeque<>());
        synchronized (entries) {
            entries.addLast(entry);
            if (entries.size() > LIMIT) {
                entries.removeFirst();
            }
        }
    }

    @Override
    public void reset() {
        byAppId.clear();
    }
}
