package io.wxplatform.token.component;

import io.wxplatform.support.security.TenantAccess;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Platform operators manage the platform's components; secrets go in, never out. */
@RestController
class ComponentController {

    private final ComponentRegistry registry;

    ComponentController(ComponentRegistry registry) {
        this.registry = registry;
    }

    @PutMapping("/api/v1/components/{componentAppId}")
    Mono<ComponentView> put(@PathVariable String componentAppId, @RequestBody ComponentRequest request) {
        return TenantAccess.operator().then(registry.put(componentAppId, request));
    }

    @GetMapping("/api/v1/components/{componentAppId}")
    Mono<ComponentView> get(@PathVariable String componentAppId) {
        return TenantAccess.operator().then(registry.view(componentAppId));
    }

    /** callback-service's view (internal credential, never routed by the gateway). */
    @GetMapping("/internal/v1/components/{componentAppId}/callback-settings")
    Mono<ComponentCallbackSettings> callbackSettings(@PathVariable String componentAppId) {
        return registry.callbackSettings(componentAppId);
    }
}
