package io.wxplatform.sandbox.callback;

import java.util.Optional;

/**
 * The Token and EncodingAESKey of a simulated third-party platform (component). Callbacks of accounts authorized
 * to it are signed and encrypted with these, not the account's own. Implemented by the component simulator; with
 * no implementation, such accounts' callbacks are not sent.
 */
public interface ComponentCallbackKeys {

    Optional<Keys> forComponent(String componentAppId);

    /** Secrets: never logged. */
    record Keys(String token, String encodingAesKey) {

        @Override
        public String toString() {
            return "Keys[***]";
        }
    }
}
