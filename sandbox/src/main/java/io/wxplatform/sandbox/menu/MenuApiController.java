package io.wxplatform.sandbox.menu;

import io.wxplatform.sandbox.account.Account;
import io.wxplatform.sandbox.account.AccountRegistry;
import io.wxplatform.sandbox.account.AccountType;
import io.wxplatform.sandbox.apicall.ApiCallLog;
import io.wxplatform.sandbox.follower.FollowerRegistry;
import io.wxplatform.sandbox.token.TokenStore;
import io.wxplatform.sandbox.users.FollowerTags;
import io.wxplatform.sandbox.web.WeChatError;
import io.wxplatform.sandbox.web.WeChatJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /cgi-bin/menu/…} and {@code get_current_selfmenu_info}: menus stored per account, checked as WeChat checks
 * them; conditional menus need a default menu (65303) and match on tag_id (sex, region and language: 65320).
 * Unverified subscription accounts get 48001 (WeChat's current permission table).
 */
@RestController
class MenuApiController {

    private final TokenStore tokens;
    private final AccountRegistry accounts;
    private final AccountMenus menus;
    private final FollowerRegistry followers;
    private final FollowerTags tags;
    private final ApiCallLog calls;
    private final WeChatJson json;

    MenuApiController(
            TokenStore tokens,
            AccountRegistry accounts,
            AccountMenus menus,
            FollowerRegistry followers,
            FollowerTags tags,
            ApiCallLog calls,
            WeChatJson json) {
        this.tokens = tokens;
        this.accounts = accounts;
        this.menus = menus;
        this.followers = followers;
        this.tags = tags;
        this.calls = calls;
        this.json = json;
    }

    @PostMapping("/cgi-bin/menu/create")
    WeChatError create(
            @RequestParam(name = "access_token", required = false) String accessToken,
            @RequestBody(required = false) String body) {
        return call(accessToken, "menu/create", account -> {
            menus.setDefault(
                    account.appId(), MenuCheck.buttons(json.object(body).get("button")));
            return WeChatError.OK;
        });
    }

    @GetMapping("/cgi-bin/menu/get")
    Map<String, Object> get(@RequestParam(name = "access_token", required = false) String accessToken) {
        return call(accessToken, "menu/get", account -> {
            String appId = account.appId();
            var buttons = menus.defaultMenu(appId).orElseThrow(MenuErrors.NO_MENU::toException);
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("menu", Map.of("button", buttons, "menuid", menus.defaultMenuId(appId)));
            List<Map<String, Object>> conditional = new ArrayList<>();
            menus.conditional(appId)
                    .forEach(menu -> conditional.add(
                            Map.of("button", menu.buttons(), "matchrule", menu.rule(), "menuid", menu.menuId())));
            if (!conditional.isEmpty()) {
                answer.put("conditionalmenu", conditional);
            }
            return answer;
        });
    }

    @GetMapping("/cgi-bin/menu/delete")
    WeChatError delete(@RequestParam(name = "access_token", required = false) String accessToken) {
        return call(accessToken, "menu/delete", account -> {
            menus.delete(account.appId());
            return WeChatError.OK;
        });
    }

    @PostMapping("/cgi-bin/menu/addconditional")
    Map<String, Object> addConditional(
            @RequestParam(name = "access_token", required = false) String accessToken,
            @RequestBody(required = false) String body) {
        return call(accessToken, "menu/addconditional", account -> {
            Map<String, Object> request = json.object(body);
            var buttons = MenuCheck.buttons(request.get("button"));
            var rule = MenuCheck.matchRule(request.get("matchrule"));
            if (menus.defaultMenu(account.appId()).isEmpty()) {
                throw MenuErrors.NO_DEFAULT_MENU.toException();
            }
            return Map.of("menuid", String.valueOf(menus.addConditional(account.appId(), buttons, rule)));
        });
    }

    @PostMapping("/cgi-bin/menu/delconditional")
    WeChatError deleteConditional(
            @RequestParam(name = "access_token", required = false) String accessToken,
            @RequestBody(required = false) String body) {
        return call(accessToken, "menu/delconditional", account -> {
            String menuId = WeChatJson.text(json.object(body), "menuid");
            if (menuId == null
                    || !menuId.matches("\\d{1,18}")
                    || !menus.deleteConditional(account.appId(), Long.parseLong(menuId))) {
                throw MenuErrors.NO_SUCH_CONDITIONAL_MENU.toException();
            }
            return WeChatError.OK;
        });
    }

    @PostMapping("/cgi-bin/menu/trymatch")
    Map<String, Object> tryMatch(
            @RequestParam(name = "access_token", required = false) String accessToken,
            @RequestBody(required = false) String body) {
        return call(accessToken, "menu/trymatch", account -> {
            String userId = WeChatJson.text(json.object(body), "user_id");
            if (WeChatJson.isBlank(userId)
                    || followers.find(account.appId(), userId).isEmpty()) {
                throw MenuErrors.NO_SUCH_USER.toException();
            }
            return menus.seenBy(account.appId(), tags.of(account.appId(), userId))
                    .map(seen -> Map.<String, Object>of("button", seen.buttons()))
                    .orElseThrow(MenuErrors.NO_MENU::toException);
        });
    }

    @GetMapping("/cgi-bin/get_current_selfmenu_info")
    Map<String, Object> current(@RequestParam(name = "access_token", required = false) String accessToken) {
        return call(
                accessToken,
                "get_current_selfmenu_info",
                account -> menus.defaultMenu(account.appId())
                        .<Map<String, Object>>map(buttons ->
                                Map.of("is_menu_open", 1, "selfmenu_info", Map.of("button", selfMenu(buttons))))
                        .orElse(Map.of("is_menu_open", 0)));
    }

    /** get_current_selfmenu_info nests sub-buttons under {@code sub_button.list}. */
    private static List<Map<String, Object>> selfMenu(List<Map<String, Object>> buttons) {
        List<Map<String, Object>> shown = new ArrayList<>();
        for (Map<String, Object> button : buttons) {
            Map<String, Object> copy = new LinkedHashMap<>(button);
            if (copy.get("sub_button") instanceof List<?> subs && !subs.isEmpty()) {
                copy.put("sub_button", Map.of("list", subs));
            } else {
                copy.remove("sub_button");
            }
            shown.add(copy);
        }
        return shown;
    }

    private <T> T call(String accessToken, String api, Function<Account, T> work) {
        Account account =
                accounts.find(tokens.appIdOf(accessToken)).orElseThrow(WeChatError.INVALID_CREDENTIAL::toException);
        return calls.record(account.appId(), api, () -> {
            if (account.type() == AccountType.SUBSCRIPTION && !account.verified()) {
                throw WeChatError.API_UNAUTHORIZED.toException();
            }
            return work.apply(account);
        });
    }
}
