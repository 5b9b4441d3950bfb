package io.wxplatform.wechat.protocol;

/**
 * A publish job ({@code freepublish/submit}) finished: {@code publishStatus} 0 published (with {@code articleId}),
 * 2 originality check failed, 3 failed, 4 refused by review, 5 deleted, 6 banned; article URLs and failed indexes
 * stay in the fields ({@code PublishEventInfo.…}).
 */
public record PublishJobFinishEvent(Header header, String publishId, int publishStatus, String articleId)
        implements WxEvent {

    static PublishJobFinishEvent from(Header h) {
        var f = h.fields();
        return new PublishJobFinishEvent(
                h,
                Fields.required(f, "PublishEventInfo.publish_id").trim(),
                Fields.intValue(f, "PublishEventInfo.publish_status"),
                f.get("PublishEventInfo.article_id"));
    }

    public boolean published() {
        return publishStatus == 0;
    }
}
