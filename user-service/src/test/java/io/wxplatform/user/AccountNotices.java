package io.wxplatform.user;

import io.wxplatform.events.AccountEvent;
import io.wxplatform.events.EventRecords;
import io.wxplatform.events.Topics;
import io.wxplatform.testkit.Inbound;
import io.wxplatform.testkit.KafkaProbe;
import java.time.Instant;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * token-service's account notices on wx.account.v1, the only source of who owns an account in user-service. Notices
 * of one appId share a partition, so they are applied in the order they are sent here.
 */
final class AccountNotices {

    private AccountNotices() {}

    /** Before the service's consumer starts, so that it never auto-creates the topic with other settings. */
    static void createTopic() {
        KafkaProbe.createTopics(Topics.ACCOUNT);
    }

    static RecordMetadata registered(String tenantId, String appId) {
        return send(AccountEvent.REGISTERED, tenantId, appId, "ACTIVE", Instant.now());
    }

    /** A second after now, so it is never older than a REGISTERED notice sent just before. */
    static RecordMetadata deleted(String tenantId, String appId) {
        return send(
                AccountEvent.DELETED, tenantId, appId, "DELETED", Instant.now().plusSeconds(1));
    }

    static RecordMetadata send(String type, String tenantId, String appId, String status, Instant at) {
        return Inbound.send(EventRecords.account(new AccountEvent(type, tenantId, appId, "DIRECT", status, at)));
    }
}
