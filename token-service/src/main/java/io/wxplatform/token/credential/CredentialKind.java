package io.wxplatform.token.credential;

/** Credentials token-service keeps per account, and per component (its {@code appId} is the component appId). */
enum CredentialKind {
    ACCESS_TOKEN,
    JSAPI_TICKET,
    COMPONENT_ACCESS_TOKEN;

    /** Whether the credential belongs to an account (fetched only while it is ACTIVE) rather than a component. */
    boolean ofAccount() {
        return this != COMPONENT_ACCESS_TOKEN;
    }
}
