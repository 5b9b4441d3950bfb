package io.wxplatform.callback.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/** The callback meters: what was accepted, what was refused and why, and how long answering took. */
@Component
class CallbackMetrics {

    static final String RECEIVED = "wx.callback.received";
    static final String REJECTED = "wx.callback.rejected";
    static final String UNAVAILABLE = "wx.callback.unavailable";
    static final String LATENCY = "wx.callback.latency";
    static final String REPLIED = "wx.callback.replied";

    private final MeterRegistry registry;

    // Looked up once per series: building and registering a meter on every callback (its tags sorted and hashed
    // against the registry's map) was a few per cent of callback-service's CPU per callback in bench/run.sh callback.
    private final Map<Series, Counter> receivedCounters = new ConcurrentHashMap<>();
    private final Map<Series, Counter> repliedCounters = new ConcurrentHashMap<>();
    private final Map<String, Timer> latencyTimers = new ConcurrentHashMap<>();

    CallbackMetrics(MeterRegistry registry) {
        this.registry = registry;
        // Registered up front so dashboards show a zero rather than no series.
        for (RejectReason reason : RejectReason.values()) {
            rejectedCounter(reason);
        }
    }

    Timer.Sample start() {
        return Timer.start(registry);
    }

    void stop(Timer.Sample sample, String outcome) {
        sample.stop(latencyTimers.computeIfAbsent(
                outcome,
                key -> Timer.builder(LATENCY)
                        .description("Time from receiving a callback to answering it")
                        .tag("outcome", key)
                        .register(registry)));
    }

    void received(String appId, String msgType) {
        receivedCounters
                .computeIfAbsent(
                        new Series(appId, msgType),
                        series -> Counter.builder(RECEIVED)
                                .description("Callbacks made durable and acknowledged")
                                .tag("appId", series.appId())
                                .tag("msgType", series.type())
                                .register(registry))
                .increment();
    }

    void replied(String appId, String replyType) {
        repliedCounters
                .computeIfAbsent(
                        new Series(appId, replyType),
                        series -> Counter.builder(REPLIED)
                                .description("Callbacks answered with a passive auto-reply")
                                .tag("appId", series.appId())
                                .tag("replyType", series.type())
                                .register(registry))
                .increment();
    }

    void rejected(RejectReason reason) {
        rejectedCounter(reason).increment();
    }

    void unavailable(String cause) {
        Counter.builder(UNAVAILABLE)
                .description("Callbacks answered 503 so that WeChat retries")
                .tag("cause", cause)
                .register(registry)
                .increment();
    }

    private Counter rejectedCounter(RejectReason reason) {
        return Counter.builder(REJECTED)
                .description("Callbacks refused, by reason")
                .tag("reason", reason.tag())
                .register(registry);
    }

    /** One account's series of a counter: its app id and message (or reply) type. */
    private record Series(String appId, String type) {}
}
