package io.wxplatform.token.account;

import java.time.Instant;
import java.util.List;

/**
 * A WeChat account of a tenant. {@code _id} is the appId, unique platform-wide. {@code pendingEvent} is the
 * lifecycle notice not yet acknowledged by Kafka (the account's own small outbox). {@code component} is set for
 * component-mode accounts: the platform component they authorized and the permissions (funcscope ids) granted.
 */
public record Account(
        String appId,
        String tenantId,
        String name,
        AccountType type,
        boolean verified,
        AccountMode mode,
        AccountStatus status,
        AccountSecrets secrets,
        Instant createdAt,
        Instant updatedAt,
        PendingEvent pendingEvent,
        ComponentLink component) {

    public record PendingEvent(String type, Instant at) {}

    public record ComponentLink(String componentAppId, List<Integer> permissions) {

        public ComponentLink {
            permissions = permissions == null ? List.of() : List.copyOf(permissions);
        }
    }

    @Override
    public String toString() {
        return "Account[" + appId + ", tenant=" + tenantId + ", " + mode + ", " + status + "]";
    }
}
