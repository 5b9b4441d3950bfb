package io.wxplatform.sandbox.component;

import io.wxplatform.sandbox.apicall.ApiCallLog;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** {@code /sandbox/components}: register a third-party platform and play its account owners. */
@RestController
@RequestMapping("/sandbox/components")
class ComponentAdminController {

    record ScopesRequest(List<Integer> funcScopes) {}

    private final ComponentRegistry registry;
    private final ComponentPlatform platform;
    private final ApiCallLog calls;
    private final Clock clock;

    ComponentAdminController(ComponentRegistry registry, ComponentPlatform platform, ApiCallLog calls, Clock clock) {
        this.registry = registry;
        this.platform = platform;
        this.calls = calls;
        this.clock = clock;
    }

    /** Upsert; answers once the first verify ticket push was answered (or failed). */
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Mono<ComponentView> register(@RequestBody ComponentRequest request) {
        return platform.register(request).map(this::view);
    }

    @GetMapping("/{componentAppId}")
    ComponentView get(@PathVariable String componentAppId) {
        return view(registry.require(componentAppId));
    }

    /** Pushes a fresh ticket now: {@code {status}} is the HTTP status the platform answered (null: no answer). */
    @PostMapping("/{componentAppId}/verify-ticket")
    Mono<Map<String, Object>> pushTicket(@PathVariable String componentAppId) {
        return platform.pushTicket(registry.require(componentAppId)).map(outcome -> {
            Map<String, Object> body = new HashMap<>();
            body.put("status", outcome.status());
            if (outcome.error() != null) {
                body.put("error", outcome.error());
            }
            return body;
        });
    }

    /** Calls of the component's own APIs (api_component_token, api_create_preauthcode), oldest first. */
    @GetMapping("/{componentAppId}/api-calls")
    List<ApiCallLog.Entry> apiCalls(@PathVariable String componentAppId) {
        registry.require(componentAppId);
        return calls.entries(componentAppId);
    }

    @PostMapping("/{componentAppId}/authorizations")
    Mono<ComponentPlatform.ApprovalOutcome> approve(
            @PathVariable String componentAppId, @RequestBody AuthorizationRequest request) {
        return platform.approve(registry.require(componentAppId), request);
    }

    @PostMapping("/{componentAppId}/authorizations/{authorizerAppId}/update")
    Mono<ComponentPlatform.ApprovalOutcome> update(
            @PathVariable String componentAppId,
            @PathVariable String authorizerAppId,
            @RequestBody ScopesRequest request) {
        List<Integer> scopes = request.funcScopes() == null ? List.of() : request.funcScopes();
        return platform.updateScopes(registry.require(componentAppId), authorizerAppId, scopes);
    }

    @DeleteMapping("/{componentAppId}/authorizations/{authorizerAppId}")
    Mono<Map<String, Object>> revoke(@PathVariable String componentAppId, @PathVariable String authorizerAppId) {
        return platform.revoke(registry.require(componentAppId), authorizerAppId)
                .map(status -> {
                    Map<String, Object> body = new HashMap<>();
                    body.put("pushStatus", status.orElse(null));
                    return body;
                });
    }

    /** As if an api_authorizer_token answer had been lost in a crash: the old refresh token now answers 61023. */
    @PostMapping("/{componentAppId}/authorizations/{authorizerAppId}/lose-refresh-token")
    ResponseEntity<Void> loseRefreshToken(@PathVariable String componentAppId, @PathVariable String authorizerAppId) {
        registry.require(componentAppId).loseRefreshToken(authorizerAppId);
        return ResponseEntity.noContent().build();
    }

    private ComponentView view(SimulatedComponent component) {
        return ComponentView.of(component, clock.instant());
    }
}
