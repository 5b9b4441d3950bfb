package io.wxplatform.user.analytics;

import io.wxplatform.tokenclient.TokenClient;
import io.wxplatform.wechat.api.DataCubeApi;
import io.wxplatform.wechat.api.UserCumulate;
import io.wxplatform.wechat.api.UserSummary;
import io.wxplatform.wechat.api.WeChatClient;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * WeChat's follower figures for a range of days: the stored days from MongoDB, the others from WeChat in the ranges
 * it allows (at most 7 days a call, only up to yesterday in China), each range asked once for the summary and once
 * for the cumulative figures. A fetched day is stored once it is settled, and never asked again.
 */
@Component
@EnableConfigurationProperties(AnalyticsProperties.class)
class WeChatFigures {

    private final WeChatDays days;
    private final TokenClient tokens;
    private final WeChatClient wechat;
    private final AnalyticsProperties properties;
    private final Clock clock;

    WeChatFigures(
            WeChatDays days, TokenClient tokens, WeChatClient wechat, AnalyticsProperties properties, Clock clock) {
        this.days = days;
        this.tokens = tokens;
        this.wechat = wechat;
        this.properties = properties;
        this.clock = clock;
    }

    /** {@code from} to {@code to}, cut at the last day WeChat has figures for; in day order. */
    Mono<List<WeChatDay>> between(String appId, LocalDate from, LocalDate to) {
        LocalDate latest = DataCubeApi.latestDay(clock.instant());
        LocalDate end = to.isAfter(latest) ? latest : to;
        List<LocalDate> range = new ArrayList<>();
        for (LocalDate day = from; !day.isAfter(end); day = day.plusDays(1)) {
            range.add(day);
        }
        return Flux.fromIterable(range)
                .flatMapSequential(day -> days.find(appId, day), 8)
                .collectList()
                .flatMap(stored -> {
                    Map<LocalDate, WeChatDay> byDay =
                            stored.stream().collect(Collectors.toMap(WeChatDay::day, Function.identity()));
                    List<LocalDate> missing = range.stream()
                            .filter(day -> !byDay.containsKey(day))
                            .toList();
                    return Flux.fromIterable(ranges(missing))
                            .concatMap(week -> fetch(appId, week))
                            .concatMap(day -> keepIfSettled(appId, day))
                            .collectList()
                            .map(fetched -> {
                                List<WeChatDay> all = new ArrayList<>(stored);
                                all.addAll(fetched);
                                all.sort(Comparator.comparing(WeChatDay::day));
                                return all;
                            });
                });
    }

    /** Runs of consecutive missing days, each split into WeChat's ranges. */
    private static List<DataCubeApi.DayRange> ranges(List<LocalDate> missing) {
        List<DataCubeApi.DayRange> ranges = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= missing.size(); i++) {
            if (i == missing.size() || !missing.get(i).equals(missing.get(i - 1).plusDays(1))) {
                ranges.addAll(DataCubeApi.ranges(missing.get(start), missing.get(i - 1)));
                start = i;
            }
        }
        return ranges;
    }

    private Flux<WeChatDay> fetch(String appId, DataCubeApi.DayRange week) {
        return tokens.withToken(
                        appId,
                        token -> Mono.zip(
                                wechat.dataCube().userSummary(appId, token, week.begin(), week.end()),
                                wechat.dataCube().userCumulate(appId, token, week.begin(), week.end())))
                .flatMapMany(answers -> {
                    // MongoDB keeps milliseconds: a stored day reads back exactly as first answered.
                    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
                    Map<LocalDate, List<UserSummary>> summary =
                            answers.getT1().stream().collect(Collectors.groupingBy(UserSummary::day));
                    Map<LocalDate, UserCumulate> cumulate = answers.getT2().stream()
                            .collect(Collectors.toMap(UserCumulate::day, Function.identity(), (a, b) -> b));
                    List<WeChatDay> fetched = new ArrayList<>();
                    for (LocalDate day = week.begin(); !day.isAfter(week.end()); day = day.plusDays(1)) {
                        fetched.add(WeChatDay.of(day, summary.getOrDefault(day, List.of()), cumulate.get(day), now));
                    }
                    return Flux.fromIterable(fetched);
                });
    }

    private Mono<WeChatDay> keepIfSettled(String appId, WeChatDay day) {
        Instant settled =
                day.day().plusDays(1).atStartOfDay(DataCubeApi.ZONE).toInstant().plus(properties.settledAfter());
        return clock.instant().isBefore(settled)
                ? Mono.just(day)
                : days.store(appId, day).thenReturn(day);
    }
}
