package io.wxplatform.callback.account;

import io.wxplatform.callback.settings.CallbackSettingsCache;
import io.wxplatform.events.AccountEvent;
import io.wxplatform.events.EventJson;
import io.wxplatform.events.InvalidEventException;
import io.wxplatform.support.kafka.RecordHandler;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/** Forgets an account's cached callback settings whenever token-service reports a change to it. */
class AccountEventsListener implements RecordHandler {

    private static final Logger log = LoggerFactory.getLogger(AccountEventsListener.class);

    private final CallbackSettingsCache settings;

    AccountEventsListener(CallbackSettingsCache settings) {
        this.settings = settings;
    }

    @Override
    public Mono<Void> handle(ConsumerRecord<String, byte[]> record) {
        String appId = record.key();
        try {
            appId = EventJson.read(record.value(), AccountEvent.class).appId();
        } catch (InvalidEventException unreadable) {
            // The key is the appId too; forgetting too much only costs one lookup.
            log.warn("Unreadable account notice at offset {}: {}", record.offset(), unreadable.getMessage());
        }
        if (appId != null) {
            settings.invalidate(appId);
            log.debug("Callback settings of {} invalidated", appId);
        }
        return Mono.empty();
    }
}
