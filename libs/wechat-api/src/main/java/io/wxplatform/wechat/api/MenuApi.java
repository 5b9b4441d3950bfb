package io.wxplatform.wechat.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * Custom and conditional menus ({@code /cgi-bin/menu/…}, {@code get_current_selfmenu_info}). Menus breaking WeChat's
 * rules ({@link MenuRules}) are refused with {@link WeChatLimitException} before the call. Bodies are written as plain
 * UTF-8 JSON, never with {@code \\uXXXX} or HTML escapes (WeChat answers 40033 for those).
 */
public final class MenuApi {

    static final String CREATE = "/cgi-bin/menu/create";
    static final String GET = "/cgi-bin/menu/get";
    static final String DELETE = "/cgi-bin/menu/delete";
    static final String ADD_CONDITIONAL = "/cgi-bin/menu/addconditional";
    static final String DELETE_CONDITIONAL = "/cgi-bin/menu/delconditional";
    static final String TRY_MATCH = "/cgi-bin/menu/trymatch";
    static final String CURRENT = "/cgi-bin/get_current_selfmenu_info";

    /** menu/get and get_current_selfmenu_info when the account has no menu. */
    public static final int NO_MENU = 46003;
    /** delconditional for a menuid WeChat does not know. */
    public static final int NO_SUCH_CONDITIONAL_MENU = 65301;
    /** trymatch when no menu matches the follower. */
    public static final int NO_MATCHING_MENU = 65303;

    private final WeChatRequests requests;

    MenuApi(WeChatRequests requests) {
        this.requests = requests;
    }

    public Mono<Void> create(String appId, String accessToken, Menu menu) {
        return Mono.fromRunnable(() -> MenuRules.require(menu, null))
                .then(post(appId, accessToken, CREATE, Map.of("button", MenuJson.buttons(menu))))
                .then();
    }

    /** The default menu ({@code null} when there is none) and every conditional menu. */
    public Mono<MenuConfig> get(String appId, String accessToken) {
        return requests.get(appId, GET, Map.of("access_token", accessToken))
                .map(MenuApi::config)
                .onErrorResume(
                        WeChatApiException.class,
                        error -> error.errcode() == NO_MENU
                                ? Mono.just(new MenuConfig(null, List.of()))
                                : Mono.error(error));
    }

    /** Deletes the default menu and, with it, every conditional menu. */
    public Mono<Void> delete(String appId, String accessToken) {
        return requests.get(appId, DELETE, Map.of("access_token", accessToken)).then();
    }

    /** Adds a conditional menu; returns its menuid, which is needed to delete it. */
    public Mono<String> addConditional(String appId, String accessToken, Menu menu, MatchRule rule) {
        return Mono.fromRunnable(() -> MenuRules.require(menu, rule == null ? MatchRule.ofTag(null) : rule))
                .then(Mono.defer(() -> {
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("button", MenuJson.buttons(menu));
                    body.put("matchrule", MenuJson.matchRule(rule));
                    return post(appId, accessToken, ADD_CONDITIONAL, body);
                }))
                .flatMap(node -> {
                    String menuId = node.path("menuid").asString("");
                    return menuId.isEmpty()
                            ? Mono.error(requests.unexpected(appId, ADD_CONDITIONAL, "answer without menuid"))
                            : Mono.just(menuId);
                });
    }

    public Mono<Void> deleteConditional(String appId, String accessToken, String menuId) {
        return post(appId, accessToken, DELETE_CONDITIONAL, Map.of("menuid", menuId))
                .then();
    }

    /** The menu a follower ({@code userId}: openid or WeChat id) would see. */
    public Mono<Menu> tryMatch(String appId, String accessToken, String userId) {
        return post(appId, accessToken, TRY_MATCH, Map.of("user_id", userId))
                .map(node -> MenuJson.menu(node.has("menu") ? node.path("menu") : node));
    }

    /** The menu followers see now, wherever it was set (API or WeChat's console). */
    public Mono<CurrentMenu> current(String appId, String accessToken) {
        return requests.get(appId, CURRENT, Map.of("access_token", accessToken)).map(node -> {
            JsonNode info = node.path("selfmenu_info");
            Menu menu = info.path("button").isArray() ? MenuJson.selfMenu(info) : null;
            return new CurrentMenu(node.path("is_menu_open").asInt(0) == 1, menu);
        });
    }

    private static MenuConfig config(JsonNode node) {
        JsonNode menu = node.path("menu");
        List<ConditionalMenu> conditional = new ArrayList<>();
        node.path("conditionalmenu")
                .forEach(one -> conditional.add(new ConditionalMenu(
                        one.path("menuid").asString(""),
                        MenuJson.menu(one),
                        MenuJson.matchRule(one.path("matchrule")))));
        return new MenuConfig(menu.isObject() ? MenuJson.menu(menu) : null, conditional);
    }

    private Mono<JsonNode> post(String appId, String accessToken, String path, Map<String, ?> body) {
        return Mono.defer(() -> requests.post(appId, path, Map.of("access_token", accessToken), body));
    }
}
