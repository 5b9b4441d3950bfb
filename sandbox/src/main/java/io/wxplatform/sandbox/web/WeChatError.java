package io.wxplatform.sandbox.web;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The error body WeChat answers on {@code /cgi-bin} (always with HTTP 200). */
public record WeChatError(
        @JsonProperty("errcode") int errcode,
        @JsonProperty("errmsg") String errmsg) {

    public static final WeChatError OK = new WeChatError(0, "ok");
    public static final WeChatError INVALID_CREDENTIAL =
            new WeChatError(40001, "invalid credential, access_token is invalid or not latest");
    public static final WeChatError INVALID_GRANT_TYPE = new WeChatError(40002, "invalid grant_type");
    public static final WeChatError INVALID_OPENID = new WeChatError(40003, "invalid openid");
    public static final WeChatError INVALID_MEDIA_ID = new WeChatError(40007, "invalid media_id");
    public static final WeChatError INVALID_MESSAGE_TYPE = new WeChatError(40008, "invalid message type");
    public static final WeChatError INVALID_APPID = new WeChatError(40013, "invalid appid");
    public static final WeChatError INVALID_APPSECRET = new WeChatError(40125, "invalid appsecret");
    public static final WeChatError INVALID_ARGS = new WeChatError(40097, "invalid args");
    public static final WeChatError ACCESS_TOKEN_MISSING = new WeChatError(41001, "access_token missing");
    public static final WeChatError APPID_MISSING = new WeChatError(41002, "appid missing");
    public static final WeChatError APPSECRET_MISSING = new WeChatError(41004, "appsecret missing");
    public static final WeChatError ACCESS_TOKEN_EXPIRED = new WeChatError(42001, "access_token expired");
    public static final WeChatError EMPTY_NEWS = new WeChatError(44003, "empty news data");
    public static final WeChatError EMPTY_CONTENT = new WeChatError(44004, "empty content");
    public static final WeChatError DAILY_QUOTA = new WeChatError(45009, "reach max api daily quota limit");
    public static final WeChatError TOO_FREQUENT =
            new WeChatError(45011, "api minute-quota reach limit mustslower retry next minute");
    public static final WeChatError OUT_OF_WINDOW =
            new WeChatError(45015, "response out of time limit or subscription is canceled");
    public static final WeChatError SEND_LIMIT = new WeChatError(45047, "out of response count limit");
    public static final WeChatError INVALID_OPENID_LIST = new WeChatError(40032, "invalid openid list size");
    public static final WeChatError TOO_MANY_TAGS = new WeChatError(45056, "too many tags");
    public static final WeChatError TAG_TOO_MANY_FOLLOWERS =
            new WeChatError(45057, "can't delete the tag that has too many fans");
    public static final WeChatError RESERVED_TAG = new WeChatError(45058, "can't modify sys tag");
    public static final WeChatError FOLLOWER_TOO_MANY_TAGS = new WeChatError(45059, "user has too many tags");
    public static final WeChatError DUPLICATE_TAG_NAME = new WeChatError(45157, "invalid tag name");
    public static final WeChatError TAG_NAME_LENGTH = new WeChatError(45158, "tag name too long");
    public static final WeChatError INVALID_TAG = new WeChatError(45159, "invalid tag id");
    public static final WeChatError DATA_FORMAT = new WeChatError(47001, "data format error");
    public static final WeChatError API_UNAUTHORIZED = new WeChatError(48001, "api unauthorized");
    public static final WeChatError INVALID_TEMPLATE_ID = new WeChatError(40037, "invalid template_id");
    public static final WeChatError REQUIRE_SUBSCRIBE = new WeChatError(43004, "require subscribe");
    public static final WeChatError TOO_MANY_TEMPLATES = new WeChatError(45026, "template num exceeds limit");
    public static final WeChatError INVALID_INDUSTRY = new WeChatError(40102, "invalid industry id");
    public static final WeChatError MASS_OPENID_LIST =
            new WeChatError(40130, "invalid openid list size, at least two openid");
    public static final WeChatError CLIENT_MSG_ID_EXISTS = new WeChatError(45065, "clientmsgid exist");
    public static final WeChatError CLIENT_MSG_ID_RETRIED = new WeChatError(45066, "same clientmsgid retry too fast");
    public static final WeChatError CLIENT_MSG_ID_TOO_LONG = new WeChatError(45067, "clientmsgid size out of limit");
    public static final WeChatError NEWS_UNSUPPORTED = new WeChatError(45103, "This API has been unsupported");
    public static final WeChatError INVALID_CARD = new WeChatError(40056, "invalid serial code");

    public WeChatException toException() {
        return new WeChatException(this);
    }
}
