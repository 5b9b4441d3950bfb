package io.wxplatform.messaging.menu;

import io.wxplatform.wechat.api.MenuDifference;
import java.time.Instant;
import java.util.List;

/**
 * The stored menu against what followers see now ({@code get_current_selfmenu_info}): {@code inSync} when no field
 * differs; {@code menuOpen} is WeChat's own switch (false when the account's menu is off or was never set).
 */
record MenuDriftReport(boolean inSync, boolean menuOpen, List<MenuDifference> differences, Instant checkedAt) {}
