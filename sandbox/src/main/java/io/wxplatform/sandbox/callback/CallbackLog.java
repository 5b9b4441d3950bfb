package io.wxplatform.sandbox.callback;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.wxplatform.sandbox.web.Resettable;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.stereotype.Component;

/** Every callback attempt per account, newest last, bounded. */
@Component
public class CallbackLog implements Resettable {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Entry(
            long callbackId,
            String openId,
            String kind,
            int attempt,
            String target,
            Instant at,
            Integer status,
            long millis,
            String error) {}

    private final ConcurrentMap<String, Deque<Entry>> byAccount = new ConcurrentHashMap<>();
    private final CallbackProperties props;

    CallbackLog(CallbackProperties props) {
        this.props = props;
    }

    void record(String appId, long callbackId, String openId, String kind, List<Attempt> attempts) {
        Deque<Entry> log = byAccount.computeIfAbsent(appId, id -> new ArrayDeque<>());
        synchronized (log) {
            for (Attempt a : attempts) {
                log.addLast(new Entry(
                        callbackId, openId, kind, a.attempt(), a.target(), a.at(), a.status(), a.millis(), a.error()));
            }
            while (log.size() > props.logLimit()) {
                log.removeFirst();
            }
        }
    }

    public List<Entry> entries(String appId) {
        Deque<Entry> log = byAccount.get(appId);
        if (log == null) {
            return List.of();
        }
        synchronized (log) {
            return List.copyOf(log);
        }
    }

    @Override
    public void reset() {
        byAccount.clear();
    }
}
