package io.wxplatform.token.account;

/** How the platform holds the account: its own AppSecret (direct) or a third-party platform authorization. */
public enum AccountMode {
    DIRECT,
    COMPONENT
}
