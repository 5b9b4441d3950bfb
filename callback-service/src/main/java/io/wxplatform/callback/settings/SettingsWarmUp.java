package io.wxplatform.callback.settings;

import io.wxplatform.support.lifecycle.BackgroundLoop;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;

/**
 * Warms the token-service client once at start, while the instance is not yet taking traffic (its health waits for
 * the reply rules): a cold client could otherwise spend the first callback's 1 s lookup budget and answer 503.
 */
@Component
class SettingsWarmUp extends BackgroundLoop {

    private final CallbackSettingsCache settings;

    SettingsWarmUp(CallbackSettingsCache settings) {
        this.settings = settings;
    }

    @Override
    protected Disposable subscribe() {
        return settings.warmUp().subscribe();
    }
}
