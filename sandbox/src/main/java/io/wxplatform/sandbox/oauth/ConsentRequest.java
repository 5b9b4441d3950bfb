package io.wxplatform.sandbox.oauth;

/**
 * Body of {@code POST /sandbox/accounts/{appId}/followers/{openId}/oauth/consent}: the authorize URL the browser was
 * sent to, and whether WeChat showed its snapshot page (a virtual identity, {@code is_snapshotuser: 1}).
 */
record ConsentRequest(String url, Boolean snapshot) {

    ConsentRequest {
        snapshot = snapshot != null && snapshot;
    }
}
