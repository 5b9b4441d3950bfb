package io.wxplatform.token.oauth;

/**
 * How WeChat's authorize page must be asked for the account: {@code componentAppId} is set for a component-mode
 * account (the page then needs {@code component_appid}), null for a direct one.
 */
record OAuthClientView(String appId, String componentAppId) {}
