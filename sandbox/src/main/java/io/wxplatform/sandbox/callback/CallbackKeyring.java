package io.wxplatform.sandbox.callback;

import io.wxplatform.sandbox.account.Account;
import io.wxplatform.wechat.protocol.callback.EncryptionMode;
import io.wxplatform.wechat.protocol.crypto.EncodingAesKey;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Decides how each account's callbacks are signed. A direct account uses its own mode, Token and key; an account
 * authorized to a component always uses SAFE mode with the component's Token, key and appid, as WeChat does.
 */
@Component
public class CallbackKeyring {

    private final ObjectProvider<ComponentCallbackKeys> components;

    CallbackKeyring(ObjectProvider<ComponentCallbackKeys> components) {
        this.components = components;
    }

    /** Empty when the account's callbacks cannot be signed (no Token, or an unknown component). */
    public Optional<CallbackSigning> signingFor(Account account) {
        if (!account.authorizedToComponent()) {
            if (account.token() == null) {
                return Optional.empty();
            }
            EncodingAesKey key =
                    account.encodingAesKey() == null ? null : EncodingAesKey.parse(account.encodingAesKey());
            return Optional.of(new CallbackSigning(account.encryptionMode(), account.token(), key, account.appId()));
        }
        ComponentCallbackKeys keys = components.getIfAvailable();
        return Optional.ofNullable(keys)
                .flatMap(k -> k.forComponent(account.componentAppId()))
                .map(k -> new CallbackSigning(
                        EncryptionMode.SAFE,
                        k.token(),
                        EncodingAesKey.parse(k.encodingAesKey()),
                        account.componentAppId()));
    }
}
