package io.wxplatform.sandbox.account;

/**
 * Body of {@code POST /sandbox/accounts/bulk}: {@code count} accounts named {@code appIdPrefix} + a zero-padded
 * lower-case hex index (so every appId is {@code wx} + 16 hex digits), all with {@code appSecret}, no callback URL.
 */
public record BulkAccountsRequest(
        String appIdPrefix, Integer count, String appSecret, AccountType type, Boolean verified) {

    @Override
    public String toString() {
        return "BulkAccountsRequest[" + appIdPrefix + ", " + count + "]";
    }
}
