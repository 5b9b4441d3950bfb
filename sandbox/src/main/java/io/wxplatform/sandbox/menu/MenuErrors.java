package io.wxplatform.sandbox.menu;

import io.wxplatform.sandbox.web.WeChatError;

/** WeChat's answers to menu calls that break its rules. */
final class MenuErrors {

    static final WeChatError BUTTON_SIZE = new WeChatError(40016, "invalid button size");
    static final WeChatError BUTTON_TYPE = new WeChatError(40017, "invalid button type");
    static final WeChatError BUTTON_NAME_SIZE = new WeChatError(40018, "invalid button name size");
    static final WeChatError BUTTON_KEY_SIZE = new WeChatError(40019, "invalid button key size");
    static final WeChatError BUTTON_URL_SIZE = new WeChatError(40020, "invalid button url size");
    static final WeChatError SUB_BUTTON_SIZE = new WeChatError(40023, "invalid sub button size");
    static final WeChatError SUB_BUTTON_TYPE = new WeChatError(40024, "invalid sub button type");
    static final WeChatError SUB_BUTTON_NAME_SIZE = new WeChatError(40025, "invalid sub button name size");
    static final WeChatError SUB_BUTTON_KEY_SIZE = new WeChatError(40026, "invalid sub button key size");
    static final WeChatError SUB_BUTTON_URL_SIZE = new WeChatError(40027, "invalid sub button url size");
    static final WeChatError MEDIA_ID = new WeChatError(40007, "invalid media_id");
    static final WeChatError MINIPROGRAM = new WeChatError(40166, "invalid miniprogram appid or pagepath");
    static final WeChatError NO_MENU = new WeChatError(46003, "menu no exist");
    static final WeChatError NO_SUCH_CONDITIONAL_MENU = new WeChatError(65301, "no such conditional menu");
    static final WeChatError NO_SUCH_USER = new WeChatError(65302, "no such user");
    static final WeChatError NO_DEFAULT_MENU = new WeChatError(65303, "there is no default menu");
    static final WeChatError EMPTY_MATCH_RULE = new WeChatError(65304, "match rule empty");
    static final WeChatError INVALID_TAG = new WeChatError(65305, "invalid tag id in match rule");
    static final WeChatError INVALID_PLATFORM = new WeChatError(65307, "invalid client platform type");
    static final WeChatError RETIRED_MATCH_FIELD =
            new WeChatError(65320, "sex, country, province, city and language are no longer supported in matchrule");

    private MenuErrors() {}
}
