package io.wxplatform.support.lifecycle;

import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;

/**
 * A reactive loop that runs while the application runs: relays, schedulers. Spring starts it after the
 * context is refreshed and stops it (disposing the subscription) before the beans it uses go away.
 */
public abstract class BackgroundLoop implements SmartLifecycle {

    private volatile Disposable running;

    /** Subscribes the loop; called on every start. */
    protected abstract Disposable subscribe();

    @Override
    public final void start() {
        running = subscribe();
    }

    @Override
    public final void stop() {
        Disposable current = running;
        if (current != null) {
            current.dispose();
        }
        running = null;
    }

    @Override
    public final boolean isRunning() {
        Disposable current = running;
        return current != null && !current.isDisposed();
    }
}
