package io.wxplatform.token.credential;

/** Credentials token-service keeps per account, and per component (its {@code appId} is the component appId). */
enum CredentialKind {
    ACCESS_TOKEN,
    JSAPI_TICKET,
    COMPONENT_ACCESS_TOKEN
}
