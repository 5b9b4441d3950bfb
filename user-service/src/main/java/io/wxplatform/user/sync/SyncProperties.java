package io.wxplatform.user.sync;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Full follower syncs, {@code wxplatform.user.sync.*}.
 *
 * @param pollInterval     how often an idle worker looks for a job to claim
 * @param lease            how long a claimed job stays with its worker without progress; a job whose worker died is
 *                         taken over after it (it must exceed the time one page of 10,000 followers takes)
 * @param batchConcurrency batchget calls (100 followers each) in flight at once for one job
 * @param userGetDailyLimit user/get calls per account and UTC day (WeChat's quota for a new account is 500; it grows
 *                          with followers): past it the job waits for the next day
 */
@ConfigurationProperties("wxplatform.user.sync")
public record SyncProperties(Duration pollInterval, Duration lease, int batchConcurrency, int userGetDailyLimit) {

    public SyncProperties {
        userGetDailyLimit = userGetDailyLimit <= 0 ? 500 : userGetDailyLimit;
        pollInterval = pollInterval == null ? Duration.ofSeconds(1) : pollInterval;
        lease = lease == null ? Duration.ofSeconds(60) : lease;
        batchConcurrency = batchConcurrency <= 0 ? 4 : batchConcurrency;
    }
}
