package io.wxplatform.support.accounts;

/**
 * What token-service announced about an account on wx.account.v1.
 *
 * @param accountType {@code SUBSCRIPTION} or {@code SERVICE}; null when no notice has said it yet
 * @param verified    whether WeChat verified the account; null when no notice has said it yet
 */
public record AccountFacts(String tenantId, String appId, String accountType, Boolean verified) {

    /** Whether the type and verification are known, so WeChat's permission table can be applied. */
    public boolean known() {
        return accountType != null && verified != null;
    }
}
