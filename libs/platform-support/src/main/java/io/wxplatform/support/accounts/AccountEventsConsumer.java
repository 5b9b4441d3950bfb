package io.wxplatform.support.accounts;

import io.wxplatform.events.AccountEvent;
import io.wxplatform.events.EventJson;
import io.wxplatform.events.Topics;
import io.wxplatform.support.kafka.Failures;
import io.wxplatform.support.kafka.TopicConsumer;
import io.wxplatform.support.kafka.TopicConsumers;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Keeps {@link AccountDirectory} in step with wx.account.v1, from the earliest offset of the service's own group
 * ({@code wxplatform.accounts.directory.group-id}) so a new instance learns every account; built with
 * platform-support's {@link TopicConsumers#group}. An offset is committed only after its notice was stored; a MongoDB
 * failure is retried with backoff and then the notice is delivered again until it passes (skipping a notice would
 * lose or keep an owner wrongly). An unreadable notice is logged and skipped: it cannot become readable by waiting.
 * After a notice is stored, the service's {@link AccountNoticeListener}s see it, in order.
 */
public class AccountEventsConsumer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AccountEventsConsumer.class);
    private static final Set<String> KNOWN = Set.of(
            AccountEvent.REGISTERED,
            AccountEvent.UPDATED,
            AccountEvent.SUSPENDED,
            AccountEvent.RESUMED,
            AccountEvent.DELETED,
            AccountEvent.STATUS_CHANGED);
    /** Attempts in place before the notice is delivered again; past them it is retried for as long as it takes. */
    private static final int ATTEMPTS = 5;

    private final AccountDirectory directory;
    private final List<AccountNoticeListener> listeners;
    private final TopicConsumer kafka;

    AccountEventsConsumer(AccountDirectory directory, AccountEventsProperties properties, TopicConsumers consumers) {
        this(directory, properties, consumers, List.of());
    }

    AccountEventsConsumer(
            AccountDirectory directory,
            AccountEventsProperties properties,
            TopicConsumers consumers,
            List<AccountNoticeListener> listeners) {
        this.directory = directory;
        this.listeners = List.copyOf(listeners);
        this.kafka = consumers.group(
                Topics.ACCOUNT,
                properties.groupId(),
                this::handle,
                Failures.redeliver(ATTEMPTS, properties.firstBackoff(), properties.maxBackoff()));
    }

    @Override
    public void start() {
        kafka.start();
    }

    @Override
    public void stop() {
        kafka.stop();
    }

    @Override
    public boolean isRunning() {
        return kafka.isRunning();
    }

    private Mono<Void> handle(ConsumerRecord<String, byte[]> record) {
        AccountEvent event = read(record);
        if (event == null) {
            return Mono.empty();
        }
        return directory
                .apply(event)
                .doOnSuccess(
                        done -> log.debug("Account {} of {} is now {}", event.appId(), event.tenantId(), event.type()))
                .thenMany(Flux.fromIterable(listeners))
                .concatMap(listener -> listener.stored(event))
                .then();
    }

    private static AccountEvent read(ConsumerRecord<String, byte[]> record) {
        try {
            AccountEvent event = EventJson.read(record.value(), AccountEvent.class);
            if (event.appId() == null
                    || event.tenantId() == null
                    || event.at() == null
                    || !KNOWN.contains(event.type())) {
                log.warn(
                        "Skipping account notice at {}-{}@{}: incomplete or of unknown type",
                        record.topic(),
                        record.partition(),
                        record.offset());
                return null;
            }
            return event;
        } catch (RuntimeException e) {
            log.warn(
                    "Skipping unreadable account notice at {}-{}@{}: {}",
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    e.toString());
            return null;
        }
    }
}
