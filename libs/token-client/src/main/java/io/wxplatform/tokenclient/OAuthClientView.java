package io.wxplatform.tokenclient;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * How WeChat's web-authorization page is asked for an account: {@code componentAppId} is set for a component-mode
 * account (the page then needs {@code component_appid}), null for a direct one.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record OAuthClientView(String appId, String componentAppId) {}
