package io.wxplatform.sandbox.token;

import java.time.LocalDate;

/** Calls per calendar day, as WeChat's quotas count them. Not thread-safe: guarded by its owner. */
final class DailyCounter {

    private LocalDate day;
    private int count;

    boolean tryAcquire(LocalDate today, int limit) {
        if (!today.equals(day)) {
            day = today;
            count = 0;
        }
        if (count >= limit) {
            return false;
        }
        count++;
        return true;
    }
}
