package io.wxplatform.wechat.api;

/**
 * Who sees a conditional (personalised) menu. WeChat still matches on {@code tagId} and {@code clientPlatformType}
 * (1 iOS, 2 Android, 3 others); it answers 65320 for {@code sex}, {@code country}, {@code province}, {@code city} and
 * {@code language}, which are kept here only so that a request naming them is refused with a clear reason.
 */
public record MatchRule(
        String tagId,
        String clientPlatformType,
        String sex,
        String country,
        String province,
        String city,
        String language) {

    public static MatchRule ofTag(String tagId) {
        return new MatchRule(tagId, null, null, null, null, null, null);
    }
}
