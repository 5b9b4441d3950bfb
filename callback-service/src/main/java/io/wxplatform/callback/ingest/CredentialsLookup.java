package io.wxplatform.callback.ingest;

import io.wxplatform.callback.settings.CallbackSettings;
import io.wxplatform.callback.settings.CallbackSettingsCache;
import io.wxplatform.callback.settings.ComponentSettings;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Whose Token and keys a callback URL takes, from token-service's settings (cached); unknown ones are refused. */
@Component
class CredentialsLookup {

    private final CallbackSettingsCache settings;

    CredentialsLookup(CallbackSettingsCache settings) {
        this.settings = settings;
    }

    /**
     * A direct account's own; an authorized account's component's (the event still belongs to the account's
     * tenant); a component push's component's.
     */
    Mono<Credentials> of(CallbackPath path) {
        return switch (path.kind()) {
            case DIRECT -> account(path.appId()).map(Credentials::direct);
            case AUTHORIZED -> account(path.appId()).zipWith(component(path.componentAppId()), Credentials::authorized);
            case COMPONENT_PUSH -> component(path.componentAppId()).map(Credentials::component);
        };
    }

    /** An active account's settings, or the refusal for an unknown or inactive one. */
    Mono<CallbackSettings> account(String appId) {
        return settings.find(appId)
                .switchIfEmpty(Mono.error(() -> CallbackRejection.of(RejectReason.UNKNOWN_APP)))
                .filter(CallbackSettings::active)
                .switchIfEmpty(Mono.error(() -> CallbackRejection.of(RejectReason.ACCOUNT_INACTIVE)));
    }

    private Mono<ComponentSettings> component(String componentAppId) {
        return settings.findComponent(componentAppId)
                .switchIfEmpty(Mono.error(() -> CallbackRejection.of(RejectReason.UNKNOWN_COMPONENT)));
    }
}
