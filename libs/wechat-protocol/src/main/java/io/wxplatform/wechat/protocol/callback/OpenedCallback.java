package io.wxplatform.wechat.protocol.callback;

import io.wxplatform.wechat.protocol.crypto.EncodingAesKey;

/** A verified callback: the plaintext XML, how it came, and the key that opened it (null for PLAIN). */
public record OpenedCallback(String innerXml, EncryptionMode mode, EncodingAesKey keyUsed) {}
