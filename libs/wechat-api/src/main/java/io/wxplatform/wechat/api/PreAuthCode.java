package io.wxplatform.wechat.api;

import java.time.Duration;

/** A pre_auth_code for one authorization page visit (about 600 s). Not a credential, but single purpose. */
public record PreAuthCode(String value, Duration expiresIn) {}
