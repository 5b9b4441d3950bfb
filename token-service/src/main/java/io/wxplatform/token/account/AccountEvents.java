package io.wxplatform.token.account;

import io.wxplatform.events.AccountEvent;
import io.wxplatform.events.EventRecords;
import java.time.Duration;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Publishes account lifecycle notices on {@code wx.account.v1} and waits for the broker's acknowledgement. */
@Component
class AccountEvents {

    private final KafkaTemplate<String, byte[]> kafka;
    private final Duration timeout;

    AccountEvents(KafkaTemplate<String, byte[]> kafka, AccountProperties properties) {
        this.kafka = kafka;
        this.timeout = properties.eventTimeout();
    }

    Mono<Void> publish(Account account, Account.PendingEvent pending) {
        AccountEvent event = new AccountEvent(
                pending.type(),
                account.tenantId(),
                account.appId(),
                account.mode().name(),
                account.status().name(),
                pending.at(),
                account.type() == null ? null : account.type().name(),
                account.verified(),
                // The permission sets a component account's owner granted (api_get_authorizer_info's func_info).
                account.component() == null ? null : account.component().permissions());
        ProducerRecord<String, byte[]> record = EventRecords.account(event);
        // send() may block while topic metadata is missing, so it never runs on an event-loop thread.
        return Mono.fromFuture(() -> kafka.send(record))
                .subscribeOn(Schedulers.boundedElastic())
                .timeout(timeout)
                .then();
    }
}
