package io.wxplatform.callback.settings;

import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * Callback settings of accounts and of third-party platforms (components), kept in memory: WeChat retries and
 * bursts from one account must not each cost a call to token-service. Concurrent lookups of one id share one call;
 * failures are not cached.
 *
 * <p>Changes made in token-service are seen after at most the TTL, or at once through {@link #invalidate}, which
 * the {@code wx.account.v1} listener calls.
 */
@Component
public class CallbackSettingsCache {

    /** Never a real appId (not hex): token-service answers 404, having exercised the whole lookup path. */
    private static final String WARM_UP_APP_ID = "wx-warm-up";

    private final SettingsClient client;
    private final CachedLookup<CallbackSettings> accounts;
    private final CachedLookup<ComponentSettings> components;

    public CallbackSettingsCache(SettingsProperties properties) {
        this.client = new SettingsClient(WebClient.builder(), properties);
        this.accounts =
                new CachedLookup<>(client::fetch, properties.ttl(), properties.negativeTtl(), properties.maxAccounts());
        this.components = new CachedLookup<>(
                client::fetchComponent, properties.ttl(), properties.negativeTtl(), properties.maxAccounts());
    }

    /** The account's settings, empty for an unknown appId, {@link SettingsUnavailableException} if nobody can say. */
    public Mono<CallbackSettings> find(String appId) {
        return accounts.find(appId);
    }

    /** The component's settings, empty for an unknown component, {@link SettingsUnavailableException} likewise. */
    public Mono<ComponentSettings> findComponent(String componentAppId) {
        return components.find(componentAppId);
    }

    /**
     * One uncached lookup that opens the connection pool and loads the client's classes, so the first real
     * callback after start does not spend its lookup timeout on that. Completes whatever token-service answers.
     */
    public Mono<Void> warmUp() {
        return client.fetch(WARM_UP_APP_ID).then().onErrorResume(error -> Mono.empty());
    }

    /** Forget what is known about an account (or component), e.g. when its keys or status changed. */
    public void invalidate(String appId) {
        accounts.invalidate(appId);
        components.invalidate(appId);
    }
}
