package io.wxplatform.token.secret;

import org.bson.Document;
import org.bson.types.Binary;

/** An AES-256-GCM envelope: the key id it was sealed under, the nonce and the ciphertext (tag included). */
public record SealedSecret(String kid, byte[] iv, byte[] ct) {

    public Document toDocument() {
        return new Document("kid", kid).append("iv", new Binary(iv)).append("ct", new Binary(ct));
    }

    public static SealedSecret fromDocument(Document document) {
        if (document == null) {
            return null;
        }
        return new SealedSecret(document.getString("kid"), bytes(document.get("iv")), bytes(document.get("ct")));
    }

    private static byte[] bytes(Object value) {
        return value instanceof Binary binary ? binary.getData() : (byte[]) value;
    }

    @Override
    public String toString() {
        return "SealedSecret[kid=" + kid + "]";
    }
}
