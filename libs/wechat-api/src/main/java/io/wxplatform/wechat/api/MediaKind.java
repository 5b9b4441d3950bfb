package io.wxplatform.wechat.api;

import java.util.Locale;

/** What WeChat calls a media {@code type}: image, voice, video, thumb. */
public enum MediaKind {
    IMAGE,
    VOICE,
    VIDEO,
    THUMB;

    /** WeChat's spelling ({@code type=image}). */
    public String wechatName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind for WeChat's or the platform's spelling, any case; null for anything else. */
    public static MediaKind parse(String value) {
        if (value == null) {
            return null;
        }
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
