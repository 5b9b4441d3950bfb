package io.wxplatform.support.accounts;

import java.util.List;

/**
 * What token-service announced about an account on wx.account.v1.
 *
 * @param accountType {@code SUBSCRIPTION} or {@code SERVICE}; null when no notice has said it yet
 * @param verified    whether WeChat verified the account; null when no notice has said it yet
 * @param permissions the permission sets (func_info ids) the owner of a component account granted the platform; null
 *                    for direct accounts and while no notice has said them
 */
public record AccountFacts(
        String tenantId, String appId, String accountType, Boolean verified, List<Integer> permissions) {

    public AccountFacts {
        permissions = permissions == null ? null : List.copyOf(permissions);
    }

    /** Facts without permission sets: a direct account, or one no notice has said them of. */
    public AccountFacts(String tenantId, String appId, String accountType, Boolean verified) {
        this(tenantId, appId, accountType, verified, null);
    }

    /** Whether the type and verification are known, so WeChat's permission table can be applied. */
    public boolean known() {
        return accountType != null && verified != null;
    }
}
