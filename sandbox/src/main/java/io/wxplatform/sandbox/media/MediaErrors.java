package io.wxplatform.sandbox.media;

import io.wxplatform.sandbox.web.WeChatError;

/** WeChat's answers to media and material calls it refuses. */
final class MediaErrors {

    static final WeChatError INVALID_MEDIA_TYPE = new WeChatError(40004, "invalid media type");
    static final WeChatError INVALID_FILE_TYPE = new WeChatError(40005, "invalid file type");
    static final WeChatError INVALID_FILE_SIZE = new WeChatError(40006, "invalid meida size");
    static final WeChatError INVALID_MEDIA_ID = new WeChatError(40007, "invalid media_id");
    static final WeChatError IMAGE_TOO_BIG = new WeChatError(40009, "invalid image size");
    static final WeChatError VOICE_TOO_BIG = new WeChatError(40010, "invalid voice size");
    static final WeChatError VIDEO_TOO_BIG = new WeChatError(40011, "invalid video size");
    static final WeChatError THUMB_TOO_BIG = new WeChatError(40012, "invalid thumb size");
    static final WeChatError MISSING_MEDIA = new WeChatError(41005, "media data missing");
    static final WeChatError MISSING_DESCRIPTION = new WeChatError(40097, "invalid args: video needs description");

    private MediaErrors() {}
}
