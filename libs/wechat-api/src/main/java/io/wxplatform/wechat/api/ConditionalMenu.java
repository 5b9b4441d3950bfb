package io.wxplatform.wechat.api;

/** A conditional menu as WeChat holds it: its {@code menuId} (needed to delete it, else 65301), buttons and rule. */
public record ConditionalMenu(String menuId, Menu menu, MatchRule matchRule) {}
