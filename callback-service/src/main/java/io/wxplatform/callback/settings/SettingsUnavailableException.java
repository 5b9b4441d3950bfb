package io.wxplatform.callback.settings;

/** token-service could not say (in time) whether an account exists: the callback must be retried by WeChat. */
public class SettingsUnavailableException extends RuntimeException {

    public SettingsUnavailableException(String appId, Throwable cause) {
        super(
                "callback settings of " + appId + " unavailable: "
                        + cause.getClass().getSimpleName(),
                cause);
    }
}
