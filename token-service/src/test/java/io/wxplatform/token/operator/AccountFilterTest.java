package io.wxplatform.token.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wxplatform.support.web.ApiException;
import io.wxplatform.token.account.AccountStatus;
import io.wxplatform.wechat.api.AttentionReason;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccountFilterTest {

    @Test
    void noFilterListsEveryLiveAccount() {
        assertThat(AccountFilter.statuses(List.of(), List.of())).isEmpty();
    }

    @Test
    void anyAttentionMeansTheThreeStatesAPersonMustFix() {
        assertThat(AccountFilter.statuses(List.of(), List.of("any")))
                .containsExactlyInAnyOrder(
                        AccountStatus.INVALID_SECRET,
                        AccountStatus.IP_NOT_WHITELISTED,
                        AccountStatus.NEEDS_REAUTHORIZATION);
    }

    @Test
    void statusAndReasonTogetherMustBothMatch() {
        assertThat(AccountFilter.statuses(List.of("IP_NOT_WHITELISTED", "SUSPENDED"), List.of("ANY")))
                .containsExactly(AccountStatus.IP_NOT_WHITELISTED);
        // Nothing matches: only DELETED, which is never listed, is left.
        assertThat(AccountFilter.statuses(List.of("ACTIVE"), List.of("INVALID_SECRET")))
                .containsExactly(AccountStatus.DELETED);
    }

    @Test
    void unknownValuesAndDeletedAreRefusedNamingTheParameter() {
        assertThatThrownBy(() -> AccountFilter.statuses(List.of("BANANA"), List.of()))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.fieldErrors()).containsKey("status"));
        assertThatThrownBy(() -> AccountFilter.statuses(List.of("DELETED"), List.of()))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.fieldErrors()).containsKey("status"));
        assertThatThrownBy(() -> AccountFilter.statuses(List.of(), List.of("SAD")))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.fieldErrors()).containsKey("attention"));
    }

    @Test
    void onlyAttentionStatesHaveAReason() {
        assertThat(AccountFilter.reasonOf(AccountStatus.NEEDS_REAUTHORIZATION))
                .isEqualTo(AttentionReason.NEEDS_REAUTHORIZATION);
        assertThat(AccountFilter.reasonOf(AccountStatus.SUSPENDED)).isNull();
        assertThat(AccountFilter.reasonOf(AccountStatus.UNAUTHORIZED)).isNull();
    }
}
