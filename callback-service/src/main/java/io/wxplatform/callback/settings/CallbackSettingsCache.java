package io.wxplatform.callback.settings;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * Callback settings by appId, kept in memory: WeChat retries and bursts from one account must not each cost a call
 * to token-service. Concurrent lookups of one appId share one call; failures are not cached.
 *
 * <p>Changes made in token-service are seen after at most the TTL. {@link #invalidate} is the seam for reacting to
 * {@code wx.account.v1} events instead.
 */
@Component
public class CallbackSettingsCache {

    private final SettingsClient client;
    private final AsyncCache<String, Optional<CallbackSettings>> cache;

    public CallbackSettingsCache(SettingsProperties properties) {
        this.client = new SettingsClient(WebClient.builder(), properties);
        this.cache = Caffeine.newBuilder()
                .maximumSize(properties.maxAccounts())
                .expireAfter(Expiry.creating((String appId, Optional<CallbackSettings> settings) ->
                        settings.isPresent() ? properties.ttl() : properties.negativeTtl()))
                .buildAsync();
    }

    /** The account's settings, empty for an unknown appId, {@link SettingsUnavailableException} if nobody can say. */
    public Mono<CallbackSettings> find(String appId) {
        return Mono.defer(() -> {
            CompletableFuture<Optional<CallbackSettings>> lookup =
                    cache.get(appId, (key, executor) -> client.fetch(key).toFuture());
            // Caffeine drops a failed lookup too, but only after its callers saw the failure; a retry must not.
            return Mono.fromFuture(lookup, true).doOnError(error -> cache.asMap().remove(appId, lookup));
        }).flatMap(Mono::justOrEmpty);
    }

    /** Forget what is known about an account, e.g. when its keys or status changed. */
    public void invalidate(String appId) {
        cache.synchronous().invalidate(appId);
    }
}
