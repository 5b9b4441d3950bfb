package io.wxplatform.user.analytics;

import io.wxplatform.support.accounts.WeChatAccounts;
import io.wxplatform.support.security.TenantAccess;
import io.wxplatform.support.web.ApiException;
import io.wxplatform.wechat.api.ApiGroup;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Follower analytics of an account for a range of days ({@code from} to {@code to}, both included, yyyy-MM-dd):
 * WeChat's figures (permission table: {@link ApiGroup#ANALYTICS}, verified accounts) and the platform's own counts
 * from events.
 */
@RestController
@RequestMapping("/api/v1/tenants/{tenantId}/accounts/{appId}/analytics")
class AnalyticsController {

    record Days<T>(LocalDate from, LocalDate to, List<T> days) {}

    private final WeChatAccounts accounts;
    private final WeChatFigures wechat;
    private final DailyCounts counts;
    private final AnalyticsProperties properties;

    AnalyticsController(
            WeChatAccounts accounts, WeChatFigures wechat, DailyCounts counts, AnalyticsProperties properties) {
        this.accounts = accounts;
        this.wechat = wechat;
        this.counts = counts;
        this.properties = properties;
    }

    /** WeChat's days up to yesterday (China time); later days of the range are left out, not invented. */
    @GetMapping("/wechat")
    Mono<Days<WeChatDay>> wechat(
            @PathVariable String tenantId,
            @PathVariable String appId,
            @RequestParam String from,
            @RequestParam String to) {
        return TenantAccess.read(tenantId)
                .then(accounts.mayCall(tenantId, appId, ApiGroup.ANALYTICS))
                .then(Mono.fromCallable(() -> range(from, to)))
                .flatMap(range -> wechat.between(appId, range.from(), range.to())
                        .map(days -> new Days<>(range.from(), range.to(), days)));
    }

    /** Every day of the range, days without events as zeros. */
    @GetMapping("/daily")
    Mono<Days<DailyDay>> daily(
            @PathVariable String tenantId,
            @PathVariable String appId,
            @RequestParam String from,
            @RequestParam String to) {
        return TenantAccess.read(tenantId)
                .then(accounts.owned(tenantId, appId))
                .then(Mono.fromCallable(() -> range(from, to)))
                .flatMap(range -> counts.between(appId, range.from(), range.to())
                        .map(DailyDay::fromDocument)
                        .collectMap(DailyDay::day)
                        .map(stored -> range.from()
                                .datesUntil(range.to().plusDays(1))
                                .map(day -> stored.getOrDefault(day, DailyDay.empty(day)))
                                .toList())
                        .map(days -> new Days<>(range.from(), range.to(), days)));
    }

    private record Range(LocalDate from, LocalDate to) {}

    private Range range(String from, String to) {
        LocalDate first = date("from", from);
        LocalDate last = date("to", to);
        if (last.isBefore(first)) {
            throw ApiException.validation(Map.of("to", "must not be before from"));
        }
        if (ChronoUnit.DAYS.between(first, last) >= properties.maxDays()) {
            throw ApiException.validation(Map.of("to", "at most " + properties.maxDays() + " days from from"));
        }
        return new Range(first, last);
    }

    private static LocalDate date(String name, String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.validation(Map.of(name, "a date, yyyy-MM-dd"));
        }
    }
}
