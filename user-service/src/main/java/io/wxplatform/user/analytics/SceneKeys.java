package io.wxplatform.user.analytics;

/**
 * A QR scene as a MongoDB field name: a scene string may hold {@code .} or {@code $}, which a field name may not, so
 * they (and {@code %}, the escape) are percent-encoded.
 */
final class SceneKeys {

    private SceneKeys() {}

    static String encode(String scene) {
        return scene.replace("%", "%25").replace(".", "%2E").replace("$", "%24");
    }

    static String decode(String key) {
        return key.replace("%2E", ".").replace("%24", "$").replace("%25", "%");
    }
}
