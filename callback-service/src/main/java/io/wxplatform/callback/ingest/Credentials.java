package io.wxplatform.callback.ingest;

import io.wxplatform.callback.settings.CallbackSettings;
import io.wxplatform.callback.settings.ComponentSettings;
import io.wxplatform.wechat.protocol.callback.CallbackRejectedException;
import io.wxplatform.wechat.protocol.callback.CallbackVerifier;
import io.wxplatform.wechat.protocol.callback.OpenedCallback;
import io.wxplatform.wechat.protocol.callback.ReplySealer;
import io.wxplatform.wechat.protocol.crypto.EncodingAesKey;
import io.wxplatform.wechat.protocol.crypto.MessageCrypto;
import io.wxplatform.wechat.protocol.xml.XmlException;
import java.util.List;
import java.util.Map;

/**
 * Whose Token and keys verify a callback, and for whose appid its ciphertext must be sealed: the account's own for a
 * direct account, the component's for an authorized account and for component pushes. Holds secrets; never logged.
 *
 * @param tenantId the tenant the resulting event belongs to, null for component pushes
 */
record Credentials(String tenantId, String token, List<EncodingAesKey> keys, String sealedFor) {

    static Credentials direct(CallbackSettings account) {
        return new Credentials(account.tenantId(), account.callbackToken(), account.aesKeys(), account.appId());
    }

    static Credentials authorized(CallbackSettings account, ComponentSettings component) {
        return new Credentials(
                account.tenantId(), component.callbackToken(), component.aesKeys(), component.componentAppId());
    }

    static Credentials component(ComponentSettings component) {
        return new Credentials(null, component.callbackToken(), component.aesKeys(), component.componentAppId());
    }

    /** Verifies the signatures and, for encrypted callbacks, decrypts with the current or the previous key. */
    OpenedCallback open(Map<String, String> query, String body) {
        try {
            return CallbackVerifier.verify(query, body, token, keys, sealedFor);
        } catch (CallbackRejectedException e) {
            throw CallbackRejection.from(e);
        } catch (XmlException e) {
            throw CallbackRejection.from(e);
        }
    }

    /**
     * The response body for a passive reply to {@code callback}: plain for a plain callback, else encrypted with the
     * key that opened it, for the same appid, and signed with the same Token.
     */
    String seal(String replyXml, OpenedCallback callback, String timestamp, String nonce) {
        MessageCrypto crypto = callback.keyUsed() == null ? null : new MessageCrypto(callback.keyUsed(), sealedFor);
        return ReplySealer.seal(replyXml, callback.mode(), token, crypto, timestamp, nonce);
    }

    @Override
    public String toString() {
        return "Credentials[tenantId=" + tenantId + ", sealedFor=" + sealedFor + ", keys=" + keys.size() + "]";
    }
}
