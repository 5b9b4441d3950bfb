package io.wxplatform.messaging.rules;

import io.wxplatform.events.EventRecords;
import io.wxplatform.events.KafkaDefaults;
import io.wxplatform.events.rules.ReplyRuleSet;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

/**
 * Publishes an account's whole rule set, as stored now, on wx.reply-rules.v1 and clears its pending marker once
 * Kafka acknowledged (a {@code KafkaTemplate} of its own: idempotent, acks=all); a reply naming a media asset carries
 * the asset's media_id as of the publication ({@link RuleMedia}). Publications of this instance run
 * one at a time, so a later snapshot is never overtaken by an earlier one on the topic.
 */
@Component
class RuleSetPublisher implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(RuleSetPublisher.class);

    private final RuleStore store;
    private final RuleMedia media;
    private final Clock clock;
    private final Duration timeout;
    private final DefaultKafkaProducerFactory<String, byte[]> producer;
    private final KafkaTemplate<String, byte[]> template;
    private final Sinks.Many<Request> queue = Sinks.many().unicast().onBackpressureBuffer();
    private final Disposable worker;

    RuleSetPublisher(RuleStore store, RuleMedia media, Clock clock, RuleProperties properties, KafkaProperties kafka) {
        this.store = store;
        this.media = media;
        this.clock = clock;
        this.timeout = properties.publishTimeout();
        Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
        config.putAll(KafkaDefaults.producer());
        this.producer = new DefaultKafkaProducerFactory<>(config);
        this.template = new KafkaTemplate<>(producer);
        this.worker = queue.asFlux()
                .concatMap(request -> publishNow(request.appId())
                        .doOnSuccess(published -> request.done().tryEmitEmpty())
                        .onErrorResume(error -> {
                            request.done().tryEmitError(error);
                            return Mono.empty();
                        }))
                .subscribe();
    }

    /** Completes once the account's current set is on Kafka, or was already; fails if Kafka did not acknowledge. */
    Mono<Void> publish(String appId) {
        return Mono.defer(() -> {
            Request request = new Request(appId, Sinks.one());
            queue.emitNext(request, Sinks.EmitFailureHandler.busyLooping(Duration.ofSeconds(1)));
            return request.done().asMono();
        });
    }

    private Mono<Void> publishNow(String appId) {
        return store.account(appId)
                .filter(RuleStore.AccountRules::pending)
                .flatMap(account -> media.current(store.all(appId))
                        .map(rules -> new ReplyRuleSet(appId, rules, account.version()))
                        .flatMap(set -> send(account.tenantId(), set))
                        .then(store.published(appId, account.version()))
                        .doOnNext(
                                cleared -> log.debug("Published rules of {} at version {}", appId, account.version())))
                .then();
    }

    private Mono<Void> send(String tenantId, ReplyRuleSet set) {
        return Mono.fromFuture(() -> template.send(EventRecords.replyRules(tenantId, set, clock.instant())))
                // send() may wait for metadata (max.block.ms): not on a MongoDB driver thread.
                .subscribeOn(Schedulers.boundedElastic())
                .timeout(timeout)
                .then();
    }

    @Override
    public void destroy() {
        worker.dispose();
        producer.destroy();
    }

    private record Request(String appId, Sinks.Empty<Void> done) {}
}
