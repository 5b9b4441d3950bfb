package io.wxplatform.wechat.protocol;

/** Completion report of a mass send; {@code msgId} comes from {@code MsgID}. */
public record MassSendJobFinishEvent(
        Header header, String msgId, String status, int totalCount, int filterCount, int sentCount, int errorCount)
        implements WxEvent {

    static MassSendJobFinishEvent from(Header h) {
        var f = h.fields();
        return new MassSendJobFinishEvent(
                h,
                f.get("MsgID"),
                f.get("Status"),
                Fields.intValue(f, "TotalCount"),
                Fields.intValue(f, "FilterCount"),
                Fields.intValue(f, "SentCount"),
                Fields.intValue(f, "ErrorCount"));
    }
}
