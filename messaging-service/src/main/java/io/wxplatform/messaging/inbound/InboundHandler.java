package io.wxplatform.messaging.inbound;

import io.wxplatform.events.InboundEvent;
import reactor.core.publisher.Mono;

/**
 * What this service does with one inbound event. Runs at most once per event id (the consumer wraps it in the event
 * ledger); an error releases the claim so that a retry or a redelivery runs it again.
 */
@FunctionalInterface
public interface InboundHandler {

    Mono<Void> handle(InboundEvent event);
}
