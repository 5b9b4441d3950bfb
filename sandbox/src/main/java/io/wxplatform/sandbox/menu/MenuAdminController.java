package io.wxplatform.sandbox.menu;

import io.wxplatform.sandbox.account.AccountRegistry;
import io.wxplatform.sandbox.web.SandboxProblem;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The account owner's side: {@code PUT} sets the default menu as WeChat's own console would (no API call, no
 * checks), which is how a menu drifts from the platform's; {@code GET} shows what the account holds.
 */
@RestController
@RequestMapping("/sandbox/accounts/{appId}/menu")
class MenuAdminController {

    private final AccountRegistry accounts;
    private final AccountMenus menus;

    MenuAdminController(AccountRegistry accounts, AccountMenus menus) {
        this.accounts = accounts;
        this.menus = menus;
    }

    @PutMapping
    Map<String, Object> setInConsole(@PathVariable String appId, @RequestBody Map<String, Object> menu) {
        accounts.find(appId).orElseThrow(() -> SandboxProblem.accountNotFound(appId));
        if (!(menu.get("button") instanceof List<?> buttons)) {
            throw SandboxProblem.badRequest("a menu is {\"button\": [...]}");
        }
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> typed = (List<Map<String, Object>>) buttons;
        return Map.of("menuid", menus.setDefault(appId, typed));
    }

    @GetMapping
    Map<String, Object> show(@PathVariable String appId) {
        accounts.find(appId).orElseThrow(() -> SandboxProblem.accountNotFound(appId));
        return Map.of("button", menus.defaultMenu(appId).orElse(List.of()), "conditional", menus.conditional(appId));
    }
}
