package io.wxplatform.token.component;

import io.wxplatform.support.lifecycle.BackgroundLoop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Stores the configured components at start-up (secrets replaced, tickets kept). */
@Component
class ComponentSeeder extends BackgroundLoop {

    private static final Logger log = LoggerFactory.getLogger(ComponentSeeder.class);

    private final ComponentSeeds seeds;
    private final ComponentRegistry registry;

    ComponentSeeder(ComponentSeeds seeds, ComponentRegistry registry) {
        this.seeds = seeds;
        this.registry = registry;
    }

    @Override
    protected Disposable subscribe() {
        return Flux.fromIterable(seeds.components())
                .concatMap(seed -> registry.put(
                                seed.componentAppId(),
                                new ComponentRequest(seed.appSecret(), seed.token(), seed.encodingAesKey()))
                        .doOnNext(view -> log.info("Component {} configured", view.componentAppId()))
                        .onErrorResume(error -> {
                            log.error(
                                    "Configured component {} was not stored: {}",
                                    seed.componentAppId(),
                                    error.getMessage());
                            return Mono.empty();
                        }))
                .subscribe();
    }
}
