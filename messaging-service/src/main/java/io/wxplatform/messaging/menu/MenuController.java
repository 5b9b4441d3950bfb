package io.wxplatform.messaging.menu;

import io.wxplatform.support.security.TenantAccess;
import io.wxplatform.wechat.api.Menu;
import io.wxplatform.wechat.api.MenuConfig;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * An account's custom menu (and conditional menus): read by the owning tenant's admins and viewers, changed by its
 * admins. Reads that ask WeChat ({@code /wechat}, {@code /drift}, {@code /try-match}) are reads too.
 */
@RestController
@RequestMapping("/api/v1/tenants/{tenantId}/accounts/{appId}/menu")
class MenuController {

    private final Menus menus;

    MenuController(Menus menus) {
        this.menus = menus;
    }

    @PutMapping
    Mono<MenuView> put(@PathVariable String tenantId, @PathVariable String appId, @RequestBody Menu menu) {
        return TenantAccess.write(tenantId).then(menus.put(tenantId, appId, menu));
    }

    @GetMapping
    Mono<MenuView> get(@PathVariable String tenantId, @PathVariable String appId) {
        return TenantAccess.read(tenantId).then(menus.get(tenantId, appId));
    }

    @DeleteMapping
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> delete(@PathVariable String tenantId, @PathVariable String appId) {
        return TenantAccess.write(tenantId).then(menus.delete(tenantId, appId));
    }

    @GetMapping("/wechat")
    Mono<MenuConfig> atWeChat(@PathVariable String tenantId, @PathVariable String appId) {
        return TenantAccess.read(tenantId).then(menus.atWeChat(tenantId, appId));
    }

    @GetMapping("/drift")
    Mono<MenuDriftReport> drift(@PathVariable String tenantId, @PathVariable String appId) {
        return TenantAccess.read(tenantId).then(menus.drift(tenantId, appId));
    }

    @PostMapping("/conditional")
    Mono<ResponseEntity<StoredConditionalMenu>> addConditional(
            @PathVariable String tenantId, @PathVariable String appId, @RequestBody ConditionalMenuRequest request) {
        return TenantAccess.write(tenantId)
                .then(menus.addConditional(tenantId, appId, request))
                .map(added -> ResponseEntity.created(URI.create("/api/v1/tenants/" + tenantId + "/accounts/" + appId
                                + "/menu/conditional/" + added.menuId()))
                        .body(added));
    }

    @DeleteMapping("/conditional/{menuId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> deleteConditional(
            @PathVariable String tenantId, @PathVariable String appId, @PathVariable String menuId) {
        return TenantAccess.write(tenantId).then(menus.deleteConditional(tenantId, appId, menuId));
    }

    /** The menu WeChat would show a follower ({@code openId}; WeChat also takes a WeChat id). */
    @GetMapping("/try-match")
    Mono<Menu> tryMatch(@PathVariable String tenantId, @PathVariable String appId, @RequestParam String openId) {
        return TenantAccess.read(tenantId).then(menus.tryMatch(tenantId, appId, openId));
    }
}
