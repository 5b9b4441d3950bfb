package io.wxplatform.token.account;

public enum AccountStatus {
    ACTIVE,
    SUSPENDED
}
