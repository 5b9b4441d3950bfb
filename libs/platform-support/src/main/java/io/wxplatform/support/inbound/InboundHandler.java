package io.wxplatform.support.inbound;

import io.wxplatform.events.InboundEvent;
import reactor.core.publisher.Mono;

/**
 * What a service does with one inbound event; a service with such a bean gets an {@link InboundConsumer} feeding it.
 * Runs at most once per event id (the consumer wraps it in the event ledger); an error releases the claim so that a
 * retry or a redelivery runs it again.
 */
@FunctionalInterface
public interface InboundHandler {

    Mono<?> handle(InboundEvent event);

    /**
     * Whether another attempt at the event may succeed after {@code error}; if not, the record is dead-lettered at
     * once. By default every error is worth retrying except those marked {@link NonRetryable}.
     */
    default boolean isRetryable(Throwable error) {
        return !(error instanceof NonRetryable);
    }
}
