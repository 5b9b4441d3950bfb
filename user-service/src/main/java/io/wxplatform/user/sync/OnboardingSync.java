package io.wxplatform.user.sync;

import io.wxplatform.events.AccountEvent;
import io.wxplatform.support.accounts.AccountNoticeListener;
import io.wxplatform.wechat.api.AccountType;
import io.wxplatform.wechat.api.ApiGroup;
import io.wxplatform.wechat.api.Permissions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * A newly registered account gets its first full sync, when WeChat's permission table lets it read its followers. Only
 * an account that never had a sync gets one, so a notice delivered again (or read again from the start by a new
 * consumer group) starts nothing twice. Off with {@code wxplatform.user.sync.on-registration: false}.
 */
@Component
@ConditionalOnProperty(prefix = "wxplatform.user.sync", name = "on-registration", matchIfMissing = true)
class OnboardingSync implements AccountNoticeListener {

    private static final Logger log = LoggerFactory.getLogger(OnboardingSync.class);

    private final SyncJobs jobs;
    private final Permissions permissions = Permissions.wechat();

    OnboardingSync(SyncJobs jobs) {
        this.jobs = jobs;
    }

    @Override
    public Mono<Void> stored(AccountEvent event) {
        if (!AccountEvent.REGISTERED.equals(event.type()) || !mayReadFollowers(event)) {
            return Mono.empty();
        }
        return jobs.startIfNever(event.tenantId(), event.appId())
                .doOnNext(started -> {
                    if (started) {
                        log.info("First follower sync of newly registered {} started", event.appId());
                    }
                })
                .then();
    }

    private boolean mayReadFollowers(AccountEvent event) {
        AccountType type = AccountType.parse(event.accountType());
        return type != null
                && event.verified() != null
                && permissions.allows(type, event.verified(), ApiGroup.FOLLOWER_LIST)
                && permissions.allows(type, event.verified(), ApiGroup.USER_INFO);
    }
}
