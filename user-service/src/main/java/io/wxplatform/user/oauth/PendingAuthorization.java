package io.wxplatform.user.oauth;

import io.wxplatform.wechat.api.OAuthScope;

/** A browser on its way through WeChat's page: where it goes back to, and the tenant's own state (may be null). */
record PendingAuthorization(String tenantId, String appId, String redirectUri, OAuthScope scope, String tenantState) {}
