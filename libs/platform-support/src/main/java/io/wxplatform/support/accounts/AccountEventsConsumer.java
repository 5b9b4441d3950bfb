package io.wxplatform.support.accounts;

import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.wxplatform.events.AccountEvent;
import io.wxplatform.events.EventJson;
import io.wxplatform.support.lifecycle.BackgroundLoop;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.kafka.receiver.KafkaReceiver;
import reactor.kafka.receiver.ReceiverOptions;
import reactor.kafka.receiver.ReceiverRecord;
import reactor.util.retry.Retry;
import reactor.util.retry.RetryBackoffSpec;

/**
 * Keeps {@link AccountDirectory} in step with wx.account.v1, from the earliest offset of the service's own group
 * ({@code wxplatform.accounts.directory.group-id}) so a new instance learns every account. An offset is committed only
 * after its notice was stored; a MongoDB failure is retried until it passes (skipping a notice would lose or keep an
 * owner wrongly). An unreadable notice is logged and skipped: it cannot become readable by waiting.
 */
public class AccountEventsConsumer extends BackgroundLoop {

    private static final Logger log = LoggerFactory.getLogger(AccountEventsConsumer.class);
    private static final Set<String> KNOWN = Set.of(AccountEvent.REGISTERED, AccountEvent.UPDATED,
            AccountEvent.SUSPENDED, AccountEvent.RESUMED, AccountEvent.DELETED, AccountEvent.STATUS_CHANGED);

    private final AccountDirectory directory;
    private final AccountEventsProperties properties;
    private final ReceiverOptions<String, byte[]> options;

    AccountEventsConsumer(AccountDirectory directory, AccountEventsProperties properties,
            ReceiverOptions<String, byte[]> options) {
        this.directory = directory;
        this.properties = properties;
        this.options = options;
    }

    @Override
    protected Disposable subscribe() {
        return Flux.defer(() -> KafkaReceiver.create(options).receive()
                        .concatMap(record -> handle(record).then(record.receiverOffset().commit())))
                .retryWhen(backoff().doBeforeRetry(signal ->
                        log.warn("wx.account.v1 consumer restarts: {}", signal.failure().toString())))
                .subscribe();
    }

    private Mono<Void> handle(ReceiverRecord<String, byte[]> record) {
        AccountEvent event = read(record);
        if (event == null) {
            return Mono.empty();
        }
        return directory.apply(event)
                .doOnSuccess(done -> log.debug("Account {} of {} is now {}", event.appId(), event.tenantId(),
                        event.type()))
                .retryWhen(backoff().doBeforeRetry(signal -> log.warn("Account notice {} not stored yet: {}",
                        event.eventId(), signal.failure().toString())));
    }

    private static AccountEvent read(ConsumerRecord<String, byte[]> record) {
        try {
            AccountEvent event = EventJson.read(record.value(), AccountEvent.class);
            if (event.appId() == null || event.tenantId() == null || event.at() == null
                    || !KNOWN.contains(event.type())) {
                log.warn("Skipping account notice at {}-{}@{}: incomplete or of unknown type", record.topic(),
                        record.partition(), record.offset());
                return null;
            }
            return event;
        } catch (RuntimeException e) {
            log.warn("Skipping unreadable account notice at {}-{}@{}: {}", record.topic(), record.partition(),
                    record.offset(), e.toString());
            return null;
        }
    }

    private RetryBackoffSpec backoff() {
        return Retry.backoff(Long.MAX_VALUE, properties.firstBackoff()).maxBackoff(properties.maxBackoff());
    }
}
