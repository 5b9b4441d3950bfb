package io.wxplatform.sandbox.follower;

import java.util.Map;

/** The XML of a job-finish event WeChat pushes on its own (not a follower's doing), for the sandbox's APIs. */
public final class FinishEventXml {

    private FinishEventXml() {}

    /** TEMPLATESENDJOBFINISH for the template message {@code msgId}, {@code status} as WeChat spells it. */
    public static String templateSendJobFinish(
            String originalId, String openId, long createTime, long msgId, String status) {
        EventRequest event = new EventRequest(
                "TEMPLATESENDJOBFINISH",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                msgId,
                status,
                null,
                null,
                null,
                null,
                Map.of(),
                null,
                null);
        return FollowerXml.event(originalId, openId, createTime, "TEMPLATESENDJOBFINISH", event);
    }

    /** MASSSENDJOBFINISH for the mass send {@code msgId} with WeChat's counts. */
    public static String massSendJobFinish(
            String originalId,
            String fromUser,
            long createTime,
            long msgId,
            String status,
            int totalCount,
            int filterCount,
            int sentCount,
            int errorCount) {
        EventRequest event = new EventRequest(
                "MASSSENDJOBFINISH",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                msgId,
                status,
                totalCount,
                filterCount,
                sentCount,
                errorCount,
                Map.of(),
                null,
                null);
        return FollowerXml.event(originalId, fromUser, createTime, "MASSSENDJOBFINISH", event);
    }
}
