package io.wxplatform.sandbox.account;

/** What a bulk creation made: how many accounts, and the first and last appId (index 0 and count - 1). */
public record BulkAccountsResult(int created, String first, String last) {}
