package io.wxplatform.sandbox.component;

import io.wxplatform.sandbox.web.Resettable;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Pushes each component's verify ticket every interval (real time), as WeChat does every 10 minutes. */
@Component
class VerifyTicketSchedule implements Resettable, DisposableBean {

    private final ConcurrentMap<String, Disposable> schedules = new ConcurrentHashMap<>();

    /** Replaces the component's schedule; {@code interval} zero means on demand only. */
    void schedule(String componentAppId, Duration interval, Mono<?> push) {
        Disposable previous = interval.isZero()
                ? schedules.remove(componentAppId)
                : schedules.put(
                        componentAppId,
                        Flux.interval(interval, interval)
                                .onBackpressureDrop()
                                .concatMap(tick -> push.onErrorResume(e -> Mono.empty()), 1)
                                .subscribe());
        if (previous != null) {
            previous.dispose();
        }
    }

    @Override
    public void reset() {
        schedules.values().forEach(Disposable::dispose);
        schedules.clear();
    }

    @Override
    public void destroy() {
        reset();
    }
}
