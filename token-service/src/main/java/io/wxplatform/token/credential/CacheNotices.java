package io.wxplatform.token.credential;

import io.wxplatform.events.AccountEvent;
import io.wxplatform.events.EventJson;
import io.wxplatform.events.InvalidEventException;
import io.wxplatform.events.TokenRotated;
import io.wxplatform.events.Topics;
import io.wxplatform.support.kafka.Failures;
import io.wxplatform.support.kafka.TopicConsumer;
import io.wxplatform.support.kafka.TopicConsumers;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.publisher.Mono;

/**
 * What other replicas did, for this replica's {@link CredentialCache}: every {@code TokenRotated} on
 * {@code wx.token.v1} drops an older cached version, every {@code AccountEvent} on {@code wx.account.v1} of an
 * account that is no longer ACTIVE (suspended, deleted, revoked, in an attention state) the account's credentials:
 * the account is checked again before anything is served. Every replica must see every notice:
 * {@link TopicConsumers#broadcast}, a group of its own per start, from the latest offset (the cache starts empty, so
 * older notices concern nothing it holds).
 */
@Configuration(proxyBeanMethods = false)
class CacheNotices {

    private static final Logger log = LoggerFactory.getLogger(CacheNotices.class);
    private static final String ACTIVE = "ACTIVE";

    @Bean
    TopicConsumer tokenRotationNotices(TopicConsumers consumers, CredentialEngine engine) {
        return consumers.broadcast(
                Topics.TOKEN,
                "token-service-cache-tokens-" + UUID.randomUUID(),
                record -> rotated(engine, record),
                Failures.skipAtOnce());
    }

    @Bean
    TopicConsumer accountChangeNotices(TopicConsumers consumers, CredentialEngine engine) {
        return consumers.broadcast(
                Topics.ACCOUNT,
                "token-service-cache-accounts-" + UUID.randomUUID(),
                record -> accountChanged(engine, record),
                Failures.skipAtOnce());
    }

    private static Mono<Void> rotated(CredentialEngine engine, ConsumerRecord<String, byte[]> record) {
        try {
            TokenRotated rotated = EventJson.read(record.value(), TokenRotated.class);
            kind(rotated.credential()).ifPresent(kind -> engine.rotated(kind, rotated.appId(), rotated.version()));
        } catch (InvalidEventException unreadable) {
            // Not knowing which credential, the entry's max age is the net.
            log.warn(
                    "Skipping an unreadable rotation notice at offset {}: {}",
                    record.offset(),
                    unreadable.getMessage());
        }
        return Mono.empty();
    }

    /**
     * Only an account that is no longer ACTIVE matters: a cached entry was loaded while it was, and its versions
     * follow the rotation notices.
     */
    private static Mono<Void> accountChanged(CredentialEngine engine, ConsumerRecord<String, byte[]> record) {
        String appId = record.key();
        try {
            AccountEvent event = EventJson.read(record.value(), AccountEvent.class);
            appId = ACTIVE.equals(event.status()) ? null : event.appId();
        } catch (InvalidEventException unreadable) {
            // The key is the appId: forgetting too much costs one read.
            log.warn("Unreadable account notice at offset {}: {}", record.offset(), unreadable.getMessage());
        }
        if (appId != null) {
            engine.accountChanged(appId);
        }
        return Mono.empty();
    }

    private static Optional<CredentialKind> kind(String credential) {
        try {
            return Optional.of(CredentialKind.valueOf(credential));
        } catch (IllegalArgumentException | NullPointerException unknown) {
            return Optional.empty();
        }
    }
}
