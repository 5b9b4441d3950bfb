package io.wxplatform.sandbox.component;

import io.wxplatform.sandbox.callback.ComponentCallbackKeys;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Lets followers of authorized accounts sign and encrypt their callbacks as the component. */
@Component
class ComponentKeys implements ComponentCallbackKeys {

    private final ComponentRegistry registry;

    ComponentKeys(ComponentRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Optional<Keys> forComponent(String componentAppId) {
        return registry.find(componentAppId)
                .map(c -> new Keys(c.config().token(), c.config().encodingAesKey()));
    }
}
