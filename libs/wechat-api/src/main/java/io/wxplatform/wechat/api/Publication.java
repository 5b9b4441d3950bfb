package io.wxplatform.wechat.api;

/**
 * A publish job ({@code freepublish/submit}, {@code freepublish/get}). {@code status}: 0 published, 1 publishing,
 * 2 originality check failed, 3 failed, 4 refused by review, 5 deleted after publishing, 6 banned after publishing;
 * {@code articleId} once published.
 */
public record Publication(String publishId, int status, String articleId) {

    public static final int PUBLISHED = 0;
    public static final int PUBLISHING = 1;

    public boolean finished() {
        return status != PUBLISHING;
    }
}
