package io.wxplatform.token.credential;

/** Credentials token-service keeps per account; jsapi tickets and component tokens will join ACCESS_TOKEN. */
enum CredentialKind {
    ACCESS_TOKEN
}
