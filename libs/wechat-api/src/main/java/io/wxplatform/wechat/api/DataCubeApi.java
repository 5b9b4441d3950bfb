package io.wxplatform.wechat.api;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * Follower analytics ({@code /datacube/getusersummary}, {@code /datacube/getusercumulate}): figures per day of
 * WeChat's calendar (China time), at most {@value #MAX_DAYS} days per call and only up to yesterday. A range WeChat
 * would refuse (61500 date format, 61501 range) is refused before the call; {@link #ranges} splits a longer one.
 */
public final class DataCubeApi {

    static final String USER_SUMMARY = "/datacube/getusersummary";
    static final String USER_CUMULATE = "/datacube/getusercumulate";

    /** Days one call may cover, both ends included. */
    public static final int MAX_DAYS = 7;
    /** WeChat's days are China's. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    /** Both ends included. */
    public record DayRange(LocalDate begin, LocalDate end) {}

    private final WeChatRequests requests;

    DataCubeApi(WeChatRequests requests) {
        this.requests = requests;
    }

    /** New and lost followers per day and channel, {@code begin} to {@code end} included. */
    public Mono<List<UserSummary>> userSummary(String appId, String accessToken, LocalDate begin, LocalDate end) {
        return call(
                appId,
                accessToken,
                USER_SUMMARY,
                begin,
                end,
                row -> new UserSummary(
                        day(row),
                        row.path("user_source").asInt(0),
                        row.path("new_user").asLong(0),
                        row.path("cancel_user").asLong(0)));
    }

    /** Followers at the end of each day, {@code begin} to {@code end} included. */
    public Mono<List<UserCumulate>> userCumulate(String appId, String accessToken, LocalDate begin, LocalDate end) {
        return call(
                appId,
                accessToken,
                USER_CUMULATE,
                begin,
                end,
                row -> new UserCumulate(day(row), row.path("cumulate_user").asLong(0)));
    }

    /** The last day WeChat has figures for at {@code now}: yesterday in China. */
    public static LocalDate latestDay(Instant now) {
        return LocalDate.ofInstant(now, ZONE).minusDays(1);
    }

    /** {@code from} to {@code to} (included) as consecutive ranges of at most {@value #MAX_DAYS} days. */
    public static List<DayRange> ranges(LocalDate from, LocalDate to) {
        List<DayRange> ranges = new ArrayList<>();
        for (LocalDate begin = from; !begin.isAfter(to); begin = begin.plusDays(MAX_DAYS)) {
            LocalDate end = begin.plusDays(MAX_DAYS - 1);
            ranges.add(new DayRange(begin, end.isAfter(to) ? to : end));
        }
        return ranges;
    }

    private <T> Mono<List<T>> call(
            String appId,
            String accessToken,
            String path,
            LocalDate begin,
            LocalDate end,
            Function<JsonNode, T> reader) {
        return Mono.fromRunnable(() -> checkRange(begin, end))
                .then(Mono.defer(() -> requests.post(
                        appId,
                        path,
                        Map.of("access_token", accessToken),
                        Map.of("begin_date", begin.toString(), "end_date", end.toString()))))
                .flatMap(node -> {
                    List<T> rows = new ArrayList<>();
                    try {
                        node.path("list").forEach(row -> rows.add(reader.apply(row)));
                    } catch (DateTimeParseException e) {
                        return Mono.error(requests.unexpected(appId, path, "ref_date is not yyyy-MM-dd"));
                    }
                    return Mono.just(rows);
                });
    }

    private static void checkRange(LocalDate begin, LocalDate end) {
        if (begin == null || end == null || end.isBefore(begin)) {
            throw new WeChatLimitException("datacube-range", "begin_date must not be after end_date");
        }
        if (ChronoUnit.DAYS.between(begin, end) >= MAX_DAYS) {
            throw new WeChatLimitException("datacube-range", "One call covers at most " + MAX_DAYS + " days");
        }
    }

    private static LocalDate day(JsonNode row) {
        return LocalDate.parse(row.path("ref_date").asString(""));
    }
}
