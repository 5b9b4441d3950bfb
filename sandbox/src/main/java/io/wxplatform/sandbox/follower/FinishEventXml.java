package io.wxplatform.sandbox.follower;

import io.wxplatform.wechat.protocol.xml.XmlWriter;
import java.util.List;
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

    /** PUBLISHJOBFINISH of a published job (status 0) with its article id and one URL per article. */
    public static String publishJobFinish(
            String originalId, String openId, long createTime, String publishId, String articleId, List<String> urls) {
        XmlWriter xml = XmlWriter.root()
                .text("ToUserName", originalId)
                .text("FromUserName", openId)
                .number("CreateTime", createTime)
                .text("MsgType", "event")
                .text("Event", "PUBLISHJOBFINISH")
                .open("PublishEventInfo")
                .bare("publish_id", publishId)
                .number("publish_status", 0)
                .text("article_id", articleId)
                .open("article_detail")
                .number("count", urls.size());
        for (int i = 0; i < urls.size(); i++) {
            xml.open("item")
                    .number("idx", i + 1)
                    .text("article_url", urls.get(i))
                    .close("item");
        }
        return xml.close("article_detail").close("PublishEventInfo").build();
    }
}
