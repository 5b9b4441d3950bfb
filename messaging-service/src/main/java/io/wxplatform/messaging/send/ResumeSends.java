package io.wxplatform.messaging.send;

import io.wxplatform.support.lifecycle.BackgroundLoop;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * At start-up and every {@code resume-interval}: hands every ACCEPTED send that nobody holds to the dispatcher: those
 * accepted before a restart, those of an instance that died mid-attempt (once its claim expired), those given back
 * after a failure outside WeChat. The claim decides who sends, so several instances resuming at once is harmless.
 */
@Component
class ResumeSends extends BackgroundLoop {

    private static final Logger log = LoggerFactory.getLogger(ResumeSends.class);

    private final OutboundMessages outbound;
    private final Dispatcher dispatcher;
    private final Clock clock;
    private final SendProperties properties;

    ResumeSends(OutboundMessages outbound, Dispatcher dispatcher, Clock clock, SendProperties properties) {
        this.outbound = outbound;
        this.dispatcher = dispatcher;
        this.clock = clock;
        this.properties = properties;
    }

    @Override
    protected Disposable subscribe() {
        return Flux.interval(Duration.ZERO, properties.resumeInterval())
                .onBackpressureDrop()
                .concatMap(tick -> resumeDue(), 1)
                .subscribe();
    }

    private Mono<Void> resumeDue() {
        return outbound.due(clock.instant(), properties.resumeBatch())
                .doOnNext(send -> dispatcher.start(send.getString("_id"), send.getString("appId")))
                .then()
                .onErrorResume(error -> {
                    log.warn("could not look for sends to resume: {}", error.toString());
                    return Mono.empty();
                });
    }
}
