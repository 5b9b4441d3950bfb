package io.wxplatform.messaging.mass;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The batching and quota arithmetic of mass sends. */
class MassQuotaTest {

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    @Test
    void aSubscriptionAccountsDayIsChinasDayAndTheNextSendIsAtChinasMidnight() {
        // 2026-12-05 17:30 UTC is 2026-12-06 01:30 in China: already the next day there.
        MassQuota.Window window = MassQuota.window(MassQuota.Period.DAY, CHINA, Instant.parse("2026-12-05T17:30:00Z"));

        assertThat(window.key()).isEqualTo("2026-12-06");
        assertThat(window.nextStart()).isEqualTo(Instant.parse("2026-12-06T16:00:00Z"));
    }

    @Test
    void aServiceAccountsMonthEndsAtTheFirstOfTheNextMonthAcrossTheYear() {
        MassQuota.Window window =
                MassQuota.window(MassQuota.Period.MONTH, CHINA, Instant.parse("2026-12-31T15:59:59Z"));

        assertThat(window.key()).isEqualTo("2026-12");
        assertThat(window.nextStart()).isEqualTo(Instant.parse("2026-12-31T16:00:00Z"));
        assertThat(MassQuota.window(MassQuota.Period.MONTH, CHINA, window.nextStart())
                        .key())
                .isEqualTo("2027-01");
    }

    @ParameterizedTest
    @CsvSource({
        "2, 10000, 2",
        "10000, 10000, 10000",
        "10001, 10000, 5001;5000",
        "25000, 10000, 8334;8333;8333",
        "7, 3, 3;2;2",
        "4, 3, 2;2"
    })
    void anOpenIdListIsCutIntoTheFewestNearlyEqualBatchesNoneWithOneOpenId(int openIds, int max, String sizes) {
        List<String> all = IntStream.range(0, openIds).mapToObj(i -> "o" + i).toList();

        List<List<String>> batches = Batches.split(all, max);

        assertThat(batches.stream().map(List::size).map(String::valueOf).toList())
                .containsExactly(sizes.split(";"));
        assertThat(batches.stream().flatMap(List::stream).toList()).isEqualTo(all);
    }

    @Test
    void batchesOfFewerThanThreeAreRefusedSinceOneCouldBeLeftAlone() {
        assertThatThrownBy(() -> Batches.split(List.of("a", "b", "c"), 2)).isInstanceOf(IllegalArgumentException.class);
    }
}
