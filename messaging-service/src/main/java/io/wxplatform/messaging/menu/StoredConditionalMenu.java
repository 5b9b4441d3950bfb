package io.wxplatform.messaging.menu;

import io.wxplatform.wechat.api.MatchRule;
import io.wxplatform.wechat.api.Menu;
import java.time.Instant;

/** A conditional menu the platform added, kept with WeChat's menuid (the only way to delete it, else 65301). */
record StoredConditionalMenu(String menuId, Menu menu, MatchRule matchRule, Instant createdAt) {}
