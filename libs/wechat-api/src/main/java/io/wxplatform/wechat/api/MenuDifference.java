package io.wxplatform.wechat.api;

/**
 * One way in which two menus differ: the button's path ({@code buttons[1].subButtons[0]}), the field, and each side's
 * value (null where the button or value is missing on that side).
 */
public record MenuDifference(String path, String field, String expected, String actual) {}
