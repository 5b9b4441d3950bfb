package io.wxplatform.token.account;

/** WeChat's account types; with {@code verified} they decide which APIs the account may call. */
public enum AccountType {
    SUBSCRIPTION,
    SERVICE
}
