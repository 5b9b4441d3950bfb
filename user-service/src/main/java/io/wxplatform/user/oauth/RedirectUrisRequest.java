package io.wxplatform.user.oauth;

import java.util.List;

/** Body of {@code PUT …/oauth/redirect-uris}: the whole allowlist, replacing the one before. */
record RedirectUrisRequest(List<String> redirectUris) {}

/** An account's redirect_uri allowlist, entries in their normal form. */
record RedirectUrisView(String appId, List<String> redirectUris) {}
