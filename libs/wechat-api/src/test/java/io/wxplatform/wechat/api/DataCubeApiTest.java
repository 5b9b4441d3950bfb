package io.wxplatform.wechat.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code wechat.dataCube()} against a real HTTP server standing in for WeChat. */
class DataCubeApiTest {

    private static final String APP_ID = "wx0123456789abcdef";
    private static final String TOKEN = "ACCESS-TOKEN-0123456789";
    private static final LocalDate DEC_2 = LocalDate.of(2014, 12, 2);
    private static final LocalDate DEC_7 = LocalDate.of(2014, 12, 7);

    private final JsonMapper json = JsonMapper.builder().build();
    private final FakeWeChat wechat = new FakeWeChat();
    private final DataCubeApi dataCube =
            WeChatClient.create(WeChatClientConfig.of(wechat.baseUrl())).dataCube();

    @AfterEach
    void stop() {
        wechat.close();
    }

    @Test
    void aSummaryAsksForTheRangeAndReadsEveryChannelsRow() {
        wechat.answer("{\"list\":[{\"ref_date\":\"2014-12-02\",\"user_source\":0,\"new_user\":3,\"cancel_user\":5},"
                + "{\"ref_date\":\"2014-12-02\",\"user_source\":30,\"new_user\":149,\"cancel_user\":1}]}");

        List<UserSummary> rows =
                dataCube.userSummary(APP_ID, TOKEN, DEC_2, DEC_7).block();

        assertThat(wechat.lastRequest().uri()).startsWith("/datacube/getusersummary?access_token=");
        JsonNode body = json.readTree(wechat.lastRequest().body());
        assertThat(body.path("begin_date").asString()).isEqualTo("2014-12-02");
        assertThat(body.path("end_date").asString()).isEqualTo("2014-12-07");
        assertThat(rows).containsExactly(new UserSummary(DEC_2, 0, 3, 5), new UserSummary(DEC_2, 30, 149, 1));
    }

    @Test
    void theCumulativeFiguresAreOnePerDay() {
        wechat.answer("{\"list\":[{\"ref_date\":\"2014-12-07\",\"cumulate_user\":1217056}]}");

        assertThat(dataCube.userCumulate(APP_ID, TOKEN, DEC_7, DEC_7).block())
                .containsExactly(new UserCumulate(DEC_7, 1_217_056));
        assertThat(wechat.lastRequest().uri()).startsWith("/datacube/getusercumulate?");
    }

    @Test
    void moreThanSevenDaysOrAReversedRangeIsRefusedBeforeTheCall() {
        assertThatThrownBy(() -> dataCube.userSummary(APP_ID, TOKEN, DEC_2, DEC_2.plusDays(7))
                        .block())
                .isInstanceOf(WeChatLimitException.class);
        assertThatThrownBy(
                        () -> dataCube.userCumulate(APP_ID, TOKEN, DEC_7, DEC_2).block())
                .isInstanceOf(WeChatLimitException.class);
        assertThat(wechat.requests()).isEmpty();
    }

    @Test
    void weChatsRangeRefusalIsItsError() {
        wechat.answer("{\"errcode\":61501,\"errmsg\":\"date range error\"}");

        assertThatThrownBy(
                        () -> dataCube.userSummary(APP_ID, TOKEN, DEC_2, DEC_7).block())
                .isInstanceOfSatisfying(
                        WeChatApiException.class, e -> assertThat(e.errcode()).isEqualTo(61501));
    }

    @Test
    void aLongRangeIsSplitIntoWeeksAndTheLastDayIsYesterdayInChina() {
        assertThat(DataCubeApi.ranges(DEC_2, LocalDate.of(2014, 12, 17)))
                .containsExactly(
                        new DataCubeApi.DayRange(DEC_2, LocalDate.of(2014, 12, 8)),
                        new DataCubeApi.DayRange(LocalDate.of(2014, 12, 9), LocalDate.of(2014, 12, 15)),
                        new DataCubeApi.DayRange(LocalDate.of(2014, 12, 16), LocalDate.of(2014, 12, 17)));
        assertThat(DataCubeApi.ranges(DEC_7, DEC_7)).containsExactly(new DataCubeApi.DayRange(DEC_7, DEC_7));
        // 17:00 UTC on the 7th is 01:00 on the 8th in Beijing: the 7th is over there.
        assertThat(DataCubeApi.latestDay(Instant.parse("2014-12-07T17:00:00Z"))).isEqualTo(DEC_7);
        assertThat(DataCubeApi.latestDay(Instant.parse("2014-12-07T15:00:00Z"))).isEqualTo(DEC_7.minusDays(1));
    }
}
