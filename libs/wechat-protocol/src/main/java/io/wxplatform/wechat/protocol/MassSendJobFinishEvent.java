package io.wxplatform.wechat.protocol;

/**
 * Completion report of a mass send; {@code msgId} comes from {@code MsgID}. {@code copyrightCheckState} is WeChat's
 * {@code CopyrightCheckResult.CheckState} for articles (1 not a reprint, 2 a reprint that may be sent, 3 a reprint
 * that may not), null when the report has none.
 */
public record MassSendJobFinishEvent(
        Header header,
        String msgId,
        String status,
        int totalCount,
        int filterCount,
        int sentCount,
        int errorCount,
        Integer copyrightCheckState)
        implements WxEvent {

    public MassSendJobFinishEvent(
            Header header,
            String msgId,
            String status,
            int totalCount,
            int filterCount,
            int sentCount,
            int errorCount) {
        this(header, msgId, status, totalCount, filterCount, sentCount, errorCount, null);
    }

    static MassSendJobFinishEvent from(Header h) {
        var f = h.fields();
        String checkState = f.get("CopyrightCheckResult.CheckState");
        return new MassSendJobFinishEvent(
                h,
                f.get("MsgID"),
                f.get("Status"),
                Fields.intValue(f, "TotalCount"),
                Fields.intValue(f, "FilterCount"),
                Fields.intValue(f, "SentCount"),
                Fields.intValue(f, "ErrorCount"),
                checkState == null || checkState.isBlank() ? null : Integer.valueOf(checkState.trim()));
    }

    /** WeChat's {@code Status} for a send that went out ({@code send success}; some reports spell it without space). */
    public boolean succeeded() {
        return status != null && status.replace(" ", "").equalsIgnoreCase("sendsuccess");
    }
}
