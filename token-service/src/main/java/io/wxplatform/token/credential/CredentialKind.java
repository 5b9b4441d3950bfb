package io.wxplatform.token.credential;

/** Credentials token-service keeps per account; component tokens will join them. */
enum CredentialKind {
    ACCESS_TOKEN,
    JSAPI_TICKET
}
