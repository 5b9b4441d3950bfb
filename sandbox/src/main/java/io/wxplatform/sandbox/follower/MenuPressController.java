package io.wxplatform.sandbox.follower;

import io.wxplatform.sandbox.callback.CallbackProperties;
import io.wxplatform.sandbox.callback.DeliveryPlan;
import io.wxplatform.sandbox.menu.AccountMenus;
import io.wxplatform.sandbox.users.FollowerTags;
import io.wxplatform.sandbox.web.SandboxProblem;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The follower presses a button of the menu it sees (the matching conditional menu, else the default): a click
 * button sends a CLICK event with its key, a view button a VIEW event with its URL (and the conditional menu's
 * MenuId). {@code button} is a name, or {@code "Top/Sub"} for a sub-button. 404 when the follower sees no such
 * button; 400 for other button types (send those with {@code /events} and their fields).
 */
@RestController
class MenuPressController {

    record PressRequest(String button) {}

    private final FollowerSimulator simulator;
    private final CallbackProperties callbacks;
    private final AccountMenus menus;
    private final FollowerTags tags;

    MenuPressController(
            FollowerSimulator simulator, CallbackProperties callbacks, AccountMenus menus, FollowerTags tags) {
        this.simulator = simulator;
        this.callbacks = callbacks;
        this.menus = menus;
        this.tags = tags;
    }

    @PostMapping("/sandbox/accounts/{appId}/followers/{openId}/menu/press")
    Mono<CallbackOutcome> press(
            @PathVariable String appId,
            @PathVariable String openId,
            @RequestBody PressRequest request,
            @RequestParam(defaultValue = "0") int awaitMessages,
            @RequestParam(defaultValue = "10000") long timeoutMs) {
        if (request.button() == null || request.button().isBlank()) {
            throw SandboxProblem.badRequest("button (a name, or Top/Sub) is required");
        }
        AccountMenus.Seen seen = menus.seenBy(appId, tags.of(appId, openId))
                .orElseThrow(() -> new SandboxProblem(HttpStatus.NOT_FOUND, "no_menu", "the follower sees no menu"));
        Map<String, Object> button = find(seen.buttons(), request.button())
                .orElseThrow(() -> new SandboxProblem(
                        HttpStatus.NOT_FOUND, "no_button", "the follower's menu has no button " + request.button()));
        String type = String.valueOf(button.get("type"));
        EventRequest event = switch (type) {
            case "click" -> EventRequest.of("CLICK", String.valueOf(button.get("key")), null);
            case "view" ->
                new EventRequest(
                        "VIEW",
                        String.valueOf(button.get("url")),
                        null,
                        null,
                        null,
                        null,
                        seen.menuId(),
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null);
            default ->
                throw SandboxProblem.badRequest(
                        "a " + type + " button carries more fields: send it with POST …/events");
        };
        if (awaitMessages < 0 || timeoutMs < 0 || timeoutMs > 60_000) {
            throw SandboxProblem.badRequest("awaitMessages must be >= 0 and timeoutMs within 0..60000");
        }
        return simulator.event(
                appId,
                openId,
                event,
                DeliveryPlan.of(null, null, callbacks.maxDeliveries()),
                new FollowerSimulator.Await(awaitMessages, Duration.ofMillis(timeoutMs)));
    }

    private static Optional<Map<String, Object>> find(List<Map<String, Object>> buttons, String wanted) {
        String[] path = wanted.split("/", 2);
        for (Map<String, Object> button : buttons) {
            boolean named = path[0].equals(String.valueOf(button.get("name")));
            List<Map<String, Object>> subs = subButtons(button);
            if (named && path.length == 1 && subs.isEmpty()) {
                return Optional.of(button);
            }
            for (Map<String, Object> sub : subs) {
                String name = String.valueOf(sub.get("name"));
                if ((path.length == 2 && named && path[1].equals(name)) || (path.length == 1 && wanted.equals(name))) {
                    return Optional.of(sub);
                }
            }
        }
        return Optional.empty();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> subButtons(Map<String, Object> button) {
        return button.get("sub_button") instanceof List<?> subs ? (List<Map<String, Object>>) subs : List.of();
    }
}
