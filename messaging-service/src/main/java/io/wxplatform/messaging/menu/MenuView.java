package io.wxplatform.messaging.menu;

import io.wxplatform.wechat.api.Menu;
import java.time.Instant;
import java.util.List;

/**
 * The account's menu as the platform holds it: the desired default menu, the conditional menus added through the
 * platform, when the menu last changed here and when WeChat last took it ({@code pushedAt} before {@code updatedAt}:
 * the last push failed).
 */
record MenuView(
        String appId, Menu menu, List<StoredConditionalMenu> conditional, Instant updatedAt, Instant pushedAt) {}
