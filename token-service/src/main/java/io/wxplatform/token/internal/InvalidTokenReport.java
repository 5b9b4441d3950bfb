package io.wxplatform.token.internal;

/** Body of {@code POST …/access-token/invalid}: the version WeChat refused. */
record InvalidTokenReport(Long version) {}
