package io.wxplatform.support.accounts;

import io.wxplatform.events.AccountEvent;
import reactor.core.publisher.Mono;

/**
 * What a service does when an account notice has been stored in its {@link AccountDirectory} (e.g. user-service
 * starts the first follower sync of a newly registered account). Notices may be delivered again (a retry, a new
 * consumer group reading from the start), so a listener must be idempotent; its failure makes the notice be
 * delivered again.
 */
@FunctionalInterface
public interface AccountNoticeListener {

    Mono<Void> stored(AccountEvent event);
}
