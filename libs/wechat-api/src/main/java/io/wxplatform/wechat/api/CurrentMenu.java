package io.wxplatform.wechat.api;

/**
 * What followers see now ({@code get_current_selfmenu_info}), including a menu set in WeChat's own console;
 * {@code menu} is null when the account has none.
 */
public record CurrentMenu(boolean open, Menu menu) {}
