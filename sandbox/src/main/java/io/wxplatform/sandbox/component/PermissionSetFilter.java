package io.wxplatform.sandbox.component;

import io.wxplatform.sandbox.web.WeChatError;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * WeChat's third-party-platform rule: a call made with an authorizer access token (a component acting for an account)
 * needs a permission set (func_info) the account's owner granted the component, else 61007 "api is unauthorized to
 * component", whatever the account's type. The sandbox's own list of which APIs need which set (WeChat's 公众号权限集),
 * kept apart from the platform's so that a wrong gate there shows here. Other tokens pass untouched; APIs not listed
 * need no set.
 */
@Component
class PermissionSetFilter implements WebFilter {

    /** API path prefix → the sets any one of which allows it; the longest matching prefix decides. */
    private static final Map<String, Set<Integer>> NEEDED = Map.ofEntries(
            Map.entry("/cgi-bin/message/custom/", Set.of(1)),
            Map.entry("/cgi-bin/message/template/", Set.of(7)),
            Map.entry("/cgi-bin/template/", Set.of(7)),
            Map.entry("/cgi-bin/message/mass/", Set.of(7)),
            Map.entry("/cgi-bin/message/subscribe/", Set.of(89)),
            Map.entry("/wxaapi/newtmpl/", Set.of(89)),
            Map.entry("/cgi-bin/user/", Set.of(2)),
            Map.entry("/cgi-bin/tags/", Set.of(2)),
            Map.entry("/datacube/", Set.of(2)),
            Map.entry("/cgi-bin/qrcode/", Set.of(3)),
            Map.entry("/cgi-bin/menu/", Set.of(15)),
            Map.entry("/cgi-bin/get_current_selfmenu_info", Set.of(15)),
            Map.entry("/cgi-bin/media/", Set.of(11)),
            Map.entry("/cgi-bin/material/", Set.of(11)),
            Map.entry("/cgi-bin/draft/", Set.of(11, 7)),
            Map.entry("/cgi-bin/freepublish/", Set.of(11, 7)),
            Map.entry("/customservice/", Set.of(6)),
            Map.entry("/cgi-bin/customservice/", Set.of(6)));

    private final ComponentRegistry registry;

    PermissionSetFilter(ComponentRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String token = exchange.getRequest().getQueryParams().getFirst("access_token");
        if (token == null) {
            return chain.filter(exchange);
        }
        Set<Integer> needed =
                needed(exchange.getRequest().getPath().pathWithinApplication().value());
        if (needed.isEmpty()) {
            return chain.filter(exchange);
        }
        Optional<List<Integer>> granted = registry.grantedScopes(token);
        if (granted.isEmpty() || needed.stream().anyMatch(granted.get()::contains)) {
            return chain.filter(exchange);
        }
        return refuse(exchange);
    }

    private static Set<Integer> needed(String path) {
        String longest = null;
        for (String prefix : NEEDED.keySet()) {
            if (path.startsWith(prefix) && (longest == null || prefix.length() > longest.length())) {
                longest = prefix;
            }
        }
        return longest == null ? Set.of() : NEEDED.get(longest);
    }

    private static Mono<Void> refuse(ServerWebExchange exchange) {
        WeChatError error = ComponentErrors.API_UNAUTHORIZED_TO_COMPONENT;
        byte[] body = ("{\"errcode\":" + error.errcode() + ",\"errmsg\":\"" + error.errmsg() + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponse().getHeaders().setContentType(MediaType.APPLICATION_JSON);
        DataBuffer buffer = exchange.getResponse().bufferFactory().wrap(body);
        return exchange.getResponse().writeWith(Mono.just(buffer));
    }
}
