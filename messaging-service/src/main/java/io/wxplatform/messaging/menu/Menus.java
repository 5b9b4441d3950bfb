package io.wxplatform.messaging.menu;

import io.wxplatform.messaging.content.WeChatGate;
import io.wxplatform.support.web.ApiException;
import io.wxplatform.wechat.api.ApiGroup;
import io.wxplatform.wechat.api.Menu;
import io.wxplatform.wechat.api.MenuConfig;
import io.wxplatform.wechat.api.MenuDifference;
import io.wxplatform.wechat.api.MenuDrift;
import io.wxplatform.wechat.api.MenuRules;
import io.wxplatform.wechat.api.WeChatClient;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * An account's custom menus: the tenant's desired menu is stored first, then pushed to WeChat, so a failed push
 * leaves it on the platform ({@code pushedAt} behind {@code updatedAt}) for the next attempt. Every request passes
 * ownership and WeChat's permission table ({@link WeChatGate}) and, where it carries a menu, WeChat's menu rules
 * (400 {@code VALIDATION_FAILED} naming each field) before any WeChat call.
 */
@Service
class Menus {

    private final WeChatGate gate;
    private final WeChatClient wechat;
    private final MenuStore store;
    private final Clock clock;

    Menus(WeChatGate gate, WeChatClient wechat, MenuStore store, Clock clock) {
        this.gate = gate;
        this.wechat = wechat;
        this.store = store;
        this.clock = clock;
    }

    /** Stores the desired default menu and pushes it to WeChat. */
    Mono<MenuView> put(String tenantId, String appId, Menu menu) {
        return gate.mayCall(tenantId, appId, ApiGroup.MENUS)
                .then(valid(MenuRules.violations(menu)))
                .then(Mono.defer(() -> store.saveDesired(tenantId, appId, menu, clock.instant())))
                .then(gate.call(appId, token -> wechat.menus().create(appId, token, menu)))
                .then(Mono.defer(() -> store.pushed(appId, clock.instant())))
                .then(stored(appId));
    }

    /** The menu as the platform holds it; 404 {@code MENU_NOT_FOUND} when the tenant never set one. */
    Mono<MenuView> get(String tenantId, String appId) {
        return gate.owned(tenantId, appId).then(stored(appId));
    }

    /** What WeChat holds now ({@code menu/get}): the default menu and the conditional ones. */
    Mono<MenuConfig> atWeChat(String tenantId, String appId) {
        return gate.mayCall(tenantId, appId, ApiGroup.MENUS)
                .then(gate.call(appId, token -> wechat.menus().get(appId, token)));
    }

    /** Deletes the menu at WeChat (with every conditional menu), then on the platform. */
    Mono<Void> delete(String tenantId, String appId) {
        return gate.mayCall(tenantId, appId, ApiGroup.MENUS)
                .then(gate.call(appId, token -> wechat.menus().delete(appId, token)))
                .then(Mono.defer(() -> store.delete(appId)));
    }

    Mono<StoredConditionalMenu> addConditional(String tenantId, String appId, ConditionalMenuRequest request) {
        Map<String, String> errors = new LinkedHashMap<>(MenuRules.violations(request.menu()));
        errors.putAll(MenuRules.violations(request.matchRule()));
        return gate.mayCall(tenantId, appId, ApiGroup.MENUS)
                .then(valid(errors))
                .then(gate.call(
                        appId,
                        token -> wechat.menus().addConditional(appId, token, request.menu(), request.matchRule())))
                .map(menuId -> new StoredConditionalMenu(menuId, request.menu(), request.matchRule(), clock.instant()))
                .flatMap(added -> store.addConditional(tenantId, appId, added).thenReturn(added));
    }

    /** Deletes a conditional menu at WeChat (65301 for a menuid it does not know), then on the platform. */
    Mono<Void> deleteConditional(String tenantId, String appId, String menuId) {
        return gate.mayCall(tenantId, appId, ApiGroup.MENUS)
                .then(gate.call(appId, token -> wechat.menus().deleteConditional(appId, token, menuId)))
                .then(Mono.defer(() -> store.removeConditional(appId, menuId)));
    }

    /** The menu WeChat would show the follower. */
    Mono<Menu> tryMatch(String tenantId, String appId, String openId) {
        return gate.mayCall(tenantId, appId, ApiGroup.MENUS)
                .then(
                        openId == null || openId.isBlank()
                                ? Mono.error(ApiException.validation(Map.of("openId", "required")))
                                : gate.call(appId, token -> wechat.menus().tryMatch(appId, token, openId)));
    }

    /** The stored menu against what followers see now, field by field. */
    Mono<MenuDriftReport> drift(String tenantId, String appId) {
        return gate.mayCall(tenantId, appId, ApiGroup.MENUS)
                .then(stored(appId))
                .flatMap(stored -> gate.call(appId, token -> wechat.menus().current(appId, token))
                        .map(current -> {
                            List<MenuDifference> differences = MenuDrift.between(stored.menu(), current.menu());
                            return new MenuDriftReport(
                                    differences.isEmpty(), current.open(), differences, clock.instant());
                        }));
    }

    private Mono<MenuView> stored(String appId) {
        return Mono.defer(() -> store.find(appId)
                .filter(view -> view.menu() != null || !view.conditional().isEmpty())
                .switchIfEmpty(Mono.error(
                        () -> ApiException.notFound("MENU_NOT_FOUND", "The platform holds no menu for " + appId))));
    }

    private static Mono<Void> valid(Map<String, String> errors) {
        return errors.isEmpty() ? Mono.empty() : Mono.error(ApiException.validation(errors));
    }
}
