package io.wxplatform.sandbox.kf;

import io.wxplatform.sandbox.web.WeChatError;

/** WeChat's customer-service agent errors (65400–65417), as its documentation spells them. */
final class AgentErrors {

    static final WeChatError NOT_ENABLED =
            new WeChatError(65400, "please enable new custom service, or wait for a while if you have enabled");
    static final WeChatError INVALID_ACCOUNT = new WeChatError(65401, "invalid custom service account");
    static final WeChatError NOT_BOUND =
            new WeChatError(65402, "the custom service account need to bind a wechat user");
    static final WeChatError INVALID_NICKNAME = new WeChatError(65403, "illegal nickname");
    static final WeChatError ILLEGAL_ACCOUNT = new WeChatError(65404, "illegal custom service account");
    static final WeChatError TOO_MANY = new WeChatError(65405, "custom service account number reach limit");
    static final WeChatError EXISTS = new WeChatError(65406, "custom service account exists");
    static final WeChatError ALREADY_BOUND = new WeChatError(65412, "the account has already bound a wechat user");
    static final WeChatError INVITE_PENDING = new WeChatError(65411, "this account has been invited, wait for confirm");
    static final WeChatError NO_SESSION = new WeChatError(65413, "no effective session for the customer");
    static final WeChatError WITH_ANOTHER_AGENT =
            new WeChatError(65414, "the customer is accessed by other custom service");
    static final WeChatError OFFLINE = new WeChatError(65415, "the worker is not online");
    static final WeChatError INVALID_QUERY = new WeChatError(65416, "invalid parameter");
    static final WeChatError RANGE_TOO_LONG = new WeChatError(65417, "time range is too long");

    private AgentErrors() {}
}
