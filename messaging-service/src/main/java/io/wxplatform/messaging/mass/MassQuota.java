package io.wxplatform.messaging.mass;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * WeChat's mass-send quota as arithmetic: an account may make {@code sends} mass sends per calendar {@code period}
 * (day or month of the quota zone, China time by default, where WeChat counts). {@link #window} names the period a
 * moment falls in (the key of its counter) and when the next one starts (the next allowed time once it is used up).
 */
public final class MassQuota {

    public enum Period {
        DAY,
        MONTH
    }

    /** {@code sends} per {@code period}; 0 sends: no quota checked. */
    public record Rule(int sends, Period period) {}

    /** The period {@code key} (2026-12-05 or 2026-12) and the start of the next one. */
    public record Window(String key, Instant nextStart) {}

    private MassQuota() {}

    public static Window window(Period period, ZoneId zone, Instant now) {
        LocalDate day = LocalDate.ofInstant(now, zone);
        return switch (period) {
            case DAY -> new Window(day.toString(), start(day.plusDays(1), zone));
            case MONTH -> {
                YearMonth month = YearMonth.from(day);
                yield new Window(month.toString(), start(month.plusMonths(1).atDay(1), zone));
            }
        };
    }

    private static Instant start(LocalDate day, ZoneId zone) {
        ZonedDateTime start = day.atStartOfDay(zone);
        return start.toInstant();
    }
}
