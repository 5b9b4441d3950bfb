package io.wxplatform.callback.ingest;

import io.wxplatform.callback.settings.CallbackSettingsCache;
import io.wxplatform.callback.settings.ComponentSettings;
import reactor.core.publisher.Mono;

/** A component's settings, or the refusal for a component token-service does not know. */
final class ComponentLookup {

    private ComponentLookup() {
    }

    static Mono<ComponentSettings> componentOf(CallbackSettingsCache settings, String componentAppId) {
        return settings.findComponent(componentAppId)
                .switchIfEmpty(Mono.error(() -> CallbackRejection.of(RejectReason.UNKNOWN_COMPONENT)));
    }
}
