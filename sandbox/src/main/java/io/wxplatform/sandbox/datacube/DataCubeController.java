package io.wxplatform.sandbox.datacube;

import io.wxplatform.sandbox.account.Account;
import io.wxplatform.sandbox.account.AccountRegistry;
import io.wxplatform.sandbox.apicall.ApiCallLog;
import io.wxplatform.sandbox.token.TokenStore;
import io.wxplatform.sandbox.web.WeChatError;
import io.wxplatform.sandbox.web.WeChatJson;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /datacube/getusersummary} and {@code /datacube/getusercumulate}, computed from the account's
 * {@link SubscriptionHistory}: {@code begin_date}/{@code end_date} as {@code yyyy-MM-dd} (61500 otherwise), at most
 * 7 days, not reversed and no later than yesterday in China (61501 otherwise); verified accounts only (48001).
 */
@RestController
class DataCubeController {

    static final WeChatError DATE_FORMAT = new WeChatError(61500, "date format error");
    static final WeChatError DATE_RANGE = new WeChatError(61501, "date range error");
    static final int MAX_DAYS = 7;

    private final TokenStore tokens;
    private final AccountRegistry accounts;
    private final SubscriptionHistory history;
    private final ApiCallLog calls;
    private final WeChatJson json;
    private final Clock clock;

    DataCubeController(
            TokenStore tokens,
            AccountRegistry accounts,
            SubscriptionHistory history,
            ApiCallLog calls,
            WeChatJson json,
            Clock clock) {
        this.tokens = tokens;
        this.accounts = accounts;
        this.history = history;
        this.calls = calls;
        this.json = json;
        this.clock = clock;
    }

    /** Every day has a row of channel 0 (zeros when nothing happened), then a row per channel that moved. */
    @PostMapping("/datacube/getusersummary")
    Map<String, Object> userSummary(
            @RequestParam(name = "access_token", required = false) String accessToken,
            @RequestBody(required = false) String body) {
        Account account = caller(accessToken);
        return calls.record(
                account.appId(),
                "datacube/getusersummary",
                () -> list(account, body, (day, rows) -> {
                    Map<Integer, SubscriptionHistory.Figures> figures = history.day(account.appId(), day);
                    figures.putIfAbsent(SubscriptionHistory.OTHER, new SubscriptionHistory.Figures(0, 0));
                    figures.forEach((source, f) -> {
                        Map<String, Object> row = new LinkedHashMap<>();
                        row.put("ref_date", day.toString());
                        row.put("user_source", source);
                        row.put("new_user", f.newUsers());
                        row.put("cancel_user", f.cancelUsers());
                        rows.add(row);
                    });
                }));
    }

    @PostMapping("/datacube/getusercumulate")
    Map<String, Object> userCumulate(
            @RequestParam(name = "access_token", required = false) String accessToken,
            @RequestBody(required = false) String body) {
        Account account = caller(accessToken);
        return calls.record(
                account.appId(),
                "datacube/getusercumulate",
                () -> list(
                        account,
                        body,
                        (day, rows) -> rows.add(Map.of(
                                "ref_date", day.toString(), "cumulate_user", history.cumulate(account.appId(), day)))));
    }

    private Map<String, Object> list(Account account, String body, BiConsumer<LocalDate, List<Object>> day) {
        if (!account.verified()) {
            throw WeChatError.API_UNAUTHORIZED.toException();
        }
        Map<String, Object> request = json.object(body);
        LocalDate begin = date(WeChatJson.text(request, "begin_date"));
        LocalDate end = date(WeChatJson.text(request, "end_date"));
        LocalDate yesterday =
                LocalDate.ofInstant(clock.instant(), SubscriptionHistory.ZONE).minusDays(1);
        if (end.isBefore(begin) || ChronoUnit.DAYS.between(begin, end) >= MAX_DAYS || end.isAfter(yesterday)) {
            throw DATE_RANGE.toException();
        }
        List<Object> rows = new ArrayList<>();
        for (LocalDate d = begin; !d.isAfter(end); d = d.plusDays(1)) {
            day.accept(d, rows);
        }
        return Map.of("list", rows);
    }

    private Account caller(String accessToken) {
        return accounts.find(tokens.appIdOf(accessToken)).orElseThrow(WeChatError.INVALID_CREDENTIAL::toException);
    }

    private static LocalDate date(String value) {
        if (value == null || value.length() != 10) {
            throw DATE_FORMAT.toException();
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw DATE_FORMAT.toException();
        }
    }
}
