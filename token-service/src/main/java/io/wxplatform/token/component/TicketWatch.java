package io.wxplatform.token.component;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.wxplatform.support.lifecycle.BackgroundLoop;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Every {@code watch-interval}: the gauge {@code wx.component.verify_ticket.age} (seconds since each component's
 * last ticket; NaN without one) and its alert state, logged once per change (e.g. into {@code TICKET_STALE}).
 */
@Component
class TicketWatch extends BackgroundLoop {

    static final String GAUGE = "wx.component.verify_ticket.age";
    private static final Logger log = LoggerFactory.getLogger(TicketWatch.class);

    private final ComponentRepository components;
    private final MeterRegistry meters;
    private final Clock clock;
    private final ComponentProperties properties;
    private final Map<String, Instant> lastTicket = new ConcurrentHashMap<>();
    private final Map<String, TicketAlert> states = new ConcurrentHashMap<>();

    TicketWatch(ComponentRepository components, MeterRegistry meters, Clock clock, ComponentProperties properties) {
        this.components = components;
        this.meters = meters;
        this.clock = clock;
        this.properties = properties;
    }

    @Override
    protected Disposable subscribe() {
        return Flux.interval(Duration.ZERO, properties.watchInterval())
                .onBackpressureDrop()
                .concatMap(tick -> check(), 1)
                .subscribe();
    }

    Mono<Void> check() {
        Instant now = clock.instant();
        return components
                .all()
                .doOnNext(component -> observe(component, now))
                .then()
                .onErrorResume(error -> {
                    log.warn("Could not check verify tickets: {}", error.toString());
                    return Mono.empty();
                });
    }

    private void observe(PlatformComponent component, Instant now) {
        String id = component.componentAppId();
        if (component.ticket() != null) {
            lastTicket.put(id, component.ticket().receivedAt());
        }
        if (!states.containsKey(id)) {
            Gauge.builder(GAUGE, () -> age(id))
                    .tag("component", id)
                    .baseUnit("seconds")
                    .description("Seconds since the component's last verify ticket")
                    .register(meters);
        }
        TicketAlert state = TicketAlert.of(component, now, properties.ticketStaleAfter());
        TicketAlert before = states.put(id, state);
        // A component seen for the first time is only reported if its ticket is already stale.
        if (before != state && (before != null || state == TicketAlert.TICKET_STALE)) {
            switch (state) {
                case OK -> log.info("Verify tickets of component {} arrive again", id);
                case TICKET_STALE ->
                    log.warn(
                            "Component {} is TICKET_STALE: no verify ticket for over {} (WeChat "
                                    + "pushes every 10 minutes); check its authorization event URL",
                            id,
                            properties.ticketStaleAfter());
                case TICKET_MISSING -> log.warn("Component {} has no verify ticket", id);
            }
        }
    }

    private double age(String componentAppId) {
        Instant last = lastTicket.get(componentAppId);
        return last == null
                ? Double.NaN
                : Duration.between(last, clock.instant()).toMillis() / 1000.0;
    }
}
