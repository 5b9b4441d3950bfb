package io.wxplatform.token.account;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.wxplatform.support.lifecycle.BackgroundLoop;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Every {@code wxplatform.accounts.attention-watch-interval}: the gauge {@code wx.accounts.attention{status}}, how
 * many accounts wait for a person in each attention state (alert AccountsNeedAttention, docs/operations.md).
 */
@Component
class AttentionWatch extends BackgroundLoop {

    static final String GAUGE = "wx.accounts.attention";
    private static final Logger log = LoggerFactory.getLogger(AttentionWatch.class);

    private final AccountRepository accounts;
    private final Duration interval;
    private final Map<AccountStatus, AtomicLong> counts = new EnumMap<>(AccountStatus.class);

    AttentionWatch(AccountRepository accounts, MeterRegistry meters, AccountProperties properties) {
        this.accounts = accounts;
        this.interval = properties.attentionWatchInterval();
        Arrays.stream(AccountStatus.values())
                .filter(AccountStatus::needsAttention)
                .forEach(status -> {
                    AtomicLong count = new AtomicLong();
                    counts.put(status, count);
                    Gauge.builder(GAUGE, count, AtomicLong::get)
                            .tag("status", status.name())
                            .description("Accounts whose refreshing stopped until a person fixes their setup")
                            .register(meters);
                });
    }

    @Override
    protected Disposable subscribe() {
        return Flux.interval(Duration.ZERO, interval)
                .onBackpressureDrop()
                .concatMap(tick -> check(), 1)
                .subscribe();
    }

    Mono<Void> check() {
        return Flux.fromIterable(counts.entrySet())
                .concatMap(entry -> accounts.countWithStatus(entry.getKey()).doOnNext(entry.getValue()::set))
                .then()
                .onErrorResume(error -> {
                    // The gauge keeps its last value; the next round tries again.
                    log.warn("Could not count accounts in attention states: {}", error.toString());
                    return Mono.empty();
                });
    }
}
