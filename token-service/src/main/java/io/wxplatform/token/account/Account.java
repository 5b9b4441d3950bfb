package io.wxplatform.token.account;

import java.time.Instant;

/**
 * A WeChat account of a tenant. {@code _id} is the appId, unique platform-wide. {@code pendingEvent} is the
 * lifecycle notice not yet acknowledged by Kafka (the account's own small outbox).
 */
public record Account(String appId, String tenantId, String name, AccountType type, boolean verified,
        AccountMode mode, AccountStatus status, AccountSecrets secrets, Instant createdAt, Instant updatedAt,
        PendingEvent pendingEvent) {

    public record PendingEvent(String type, Instant at) {
    }

    @Override
    public String toString() {
        return "Account[" + appId + ", tenant=" + tenantId + ", " + mode + ", " + status + "]";
    }
}
