package io.wxplatform.sandbox.menu;

import io.wxplatform.sandbox.web.Resettable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * Each account's menus as WeChat holds them: the default menu ({@code button} array as created) and the conditional
 * menus in creation order. A follower sees the last created conditional menu whose rule matches, else the default.
 */
@Component
public class AccountMenus implements Resettable {

    /** A conditional menu: WeChat's menuid, its buttons and its match rule. */
    public record Conditional(long menuId, List<Map<String, Object>> buttons, Map<String, Object> rule) {}

    /** What a follower sees: the buttons and, for a conditional menu, its menuid (VIEW events carry it). */
    public record Seen(List<Map<String, Object>> buttons, Long menuId) {}

    private static final class State {
        private List<Map<String, Object>> buttons;
        private long menuId;
        private final List<Conditional> conditional = new ArrayList<>();
    }

    // WeChat's menuids are large numbers; seeded from the clock so they differ across restarts.
    private final AtomicLong menuIds = new AtomicLong(System.currentTimeMillis() / 1000 % 100_000_000 + 400_000_000L);
    private final ConcurrentMap<String, State> byAppId = new ConcurrentHashMap<>();

    /** Sets the default menu (the API's menu/create or the console); returns its menuid. */
    public long setDefault(String appId, List<Map<String, Object>> buttons) {
        State state = byAppId.computeIfAbsent(appId, id -> new State());
        synchronized (state) {
            state.buttons = List.copyOf(buttons);
            state.menuId = menuIds.incrementAndGet();
            return state.menuId;
        }
    }

    public Optional<List<Map<String, Object>>> defaultMenu(String appId) {
        State state = byAppId.get(appId);
        if (state == null) {
            return Optional.empty();
        }
        synchronized (state) {
            return Optional.ofNullable(state.buttons);
        }
    }

    public long defaultMenuId(String appId) {
        State state = byAppId.get(appId);
        return state == null ? 0 : state.menuId;
    }

    public List<Conditional> conditional(String appId) {
        State state = byAppId.get(appId);
        if (state == null) {
            return List.of();
        }
        synchronized (state) {
            return List.copyOf(state.conditional);
        }
    }

    /** Deletes the default menu and every conditional one, as menu/delete does. */
    public void delete(String appId) {
        byAppId.remove(appId);
    }

    long addConditional(String appId, List<Map<String, Object>> buttons, Map<String, Object> rule) {
        State state = byAppId.computeIfAbsent(appId, id -> new State());
        synchronized (state) {
            long menuId = menuIds.incrementAndGet();
            state.conditional.add(new Conditional(menuId, List.copyOf(buttons), Map.copyOf(rule)));
            return menuId;
        }
    }

    boolean deleteConditional(String appId, long menuId) {
        State state = byAppId.get(appId);
        if (state == null) {
            return false;
        }
        synchronized (state) {
            return state.conditional.removeIf(menu -> menu.menuId() == menuId);
        }
    }

    /**
     * The menu a follower with these tags sees. The sandbox's followers have no client platform, so rules on
     * {@code client_platform_type} alone never match here.
     */
    public Optional<Seen> seenBy(String appId, List<Integer> tags) {
        State state = byAppId.get(appId);
        if (state == null) {
            return Optional.empty();
        }
        synchronized (state) {
            for (int i = state.conditional.size() - 1; i >= 0; i--) {
                Conditional menu = state.conditional.get(i);
                Object tag = menu.rule().get("tag_id");
                boolean platformOnly = tag == null || String.valueOf(tag).isBlank();
                if (!platformOnly && tags.contains(Integer.parseInt(String.valueOf(tag)))) {
                    return Optional.of(new Seen(menu.buttons(), menu.menuId()));
                }
            }
            return Optional.ofNullable(state.buttons).map(buttons -> new Seen(buttons, null));
        }
    }

    @Override
    public void reset() {
        byAppId.clear();
    }
}
