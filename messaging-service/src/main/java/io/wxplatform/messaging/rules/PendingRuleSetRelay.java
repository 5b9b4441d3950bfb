package io.wxplatform.messaging.rules;

import io.wxplatform.support.lifecycle.BackgroundLoop;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Publishes the rule sets still marked pending: at start-up (a crash between the MongoDB write and the Kafka ack)
 * and then every {@code relay-interval} (Kafka was away when the change was made). Publishing a set twice is
 * harmless: it carries the same version and replaces itself on the compacted topic.
 */
@Component
class PendingRuleSetRelay extends BackgroundLoop {

    private static final Logger log = LoggerFactory.getLogger(PendingRuleSetRelay.class);
    private static final int BATCH = 100;

    private final RuleStore store;
    private final RuleSetPublisher publisher;
    private final RuleProperties properties;

    PendingRuleSetRelay(RuleStore store, RuleSetPublisher publisher, RuleProperties properties) {
        this.store = store;
        this.publisher = publisher;
        this.properties = properties;
    }

    @Override
    protected Disposable subscribe() {
        return Flux.interval(Duration.ZERO, properties.relayInterval())
                .onBackpressureDrop()
                .concatMap(tick -> relayOnce(), 1)
                .subscribe();
    }

    Mono<Void> relayOnce() {
        return store.pending(BATCH)
                .concatMap(account -> publisher
                        .publish(account.appId())
                        .doOnSuccess(done -> log.info("Published the pending rule set of {}", account.appId())))
                .then()
                .onErrorResume(error -> {
                    log.warn("Pending rule sets could not be published this round: {}", error.toString());
                    return Mono.empty();
                });
    }
}
