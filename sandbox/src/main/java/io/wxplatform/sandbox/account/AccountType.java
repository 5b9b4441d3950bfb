package io.wxplatform.sandbox.account;

public enum AccountType {
    SUBSCRIPTION,
    SERVICE
}
