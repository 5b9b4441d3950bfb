package io.wxplatform.token.operator;

import io.wxplatform.support.web.ApiException;
import io.wxplatform.token.account.AccountStatus;
import io.wxplatform.wechat.api.AttentionReason;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The statuses an operator's account listing asks for: {@code status} values and attention reasons ({@code ANY}
 * for every one), both optional; given together, an account must match both.
 */
final class AccountFilter {

    static final String ANY = "ANY";

    private AccountFilter() {}

    /** The statuses to list; empty for every live account. Throws a 400 problem naming a value it does not know. */
    static Set<AccountStatus> statuses(List<String> statuses, List<String> reasons) {
        Set<AccountStatus> wanted = EnumSet.allOf(AccountStatus.class);
        wanted.remove(AccountStatus.DELETED);
        boolean filtered = false;
        if (!statuses.isEmpty()) {
            wanted.retainAll(statuses.stream().map(AccountFilter::status).toList());
            filtered = true;
        }
        if (!reasons.isEmpty()) {
            wanted.retainAll(reasons.stream()
                    .flatMap(reason -> attentionStatuses(reason).stream())
                    .toList());
            filtered = true;
        }
        // Nothing can match (e.g. status=ACTIVE&attention=ANY): DELETED is never listed, so it stands for "none".
        return !filtered ? Set.of() : wanted.isEmpty() ? EnumSet.of(AccountStatus.DELETED) : wanted;
    }

    /** The attention reason an account in {@code status} waits on; null unless it needs a person. */
    static AttentionReason reasonOf(AccountStatus status) {
        return Arrays.stream(AttentionReason.values())
                .filter(reason -> AccountStatus.of(reason) == status)
                .findFirst()
                .orElse(null);
    }

    private static AccountStatus status(String value) {
        try {
            AccountStatus status = AccountStatus.valueOf(value.trim().toUpperCase(Locale.ROOT));
            if (status != AccountStatus.DELETED) {
                return status;
            }
        } catch (IllegalArgumentException unknown) {
            // answered below
        }
        throw ApiException.validation(Map.of(
                "status",
                "unknown status " + value + "; one of "
                        + Arrays.stream(AccountStatus.values())
                                .filter(s -> s != AccountStatus.DELETED)
                                .toList()));
    }

    private static Set<AccountStatus> attentionStatuses(String value) {
        String name = value.trim().toUpperCase(Locale.ROOT);
        if (name.equals(ANY)) {
            return EnumSet.copyOf(Arrays.stream(AttentionReason.values())
                    .map(AccountStatus::of)
                    .toList());
        }
        try {
            return EnumSet.of(AccountStatus.of(AttentionReason.valueOf(name)));
        } catch (IllegalArgumentException unknown) {
            throw ApiException.validation(Map.of(
                    "attention",
                    "unknown attention reason " + value + "; one of " + Arrays.toString(AttentionReason.values())
                            + " or " + ANY));
        }
    }
}
