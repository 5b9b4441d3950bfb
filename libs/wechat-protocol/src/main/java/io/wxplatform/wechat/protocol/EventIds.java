package io.wxplatform.wechat.protocol;

/**
 * Deterministic ids, identical for every retry of the same callback. Messages are identified by MsgId; events (and
 * messages without one) by follower, CreateTime, Event and EventKey, since LOCATION events may arrive every 5 seconds;
 * job reports (TEMPLATESENDJOBFINISH, MASSSENDJOBFINISH) also by their MsgID, and a finished publish job
 * (PUBLISHJOBFINISH) by its publish_id, since several jobs may finish in one second.
 */
public final class EventIds {

    private EventIds() {}

    public static String of(String appId, InboundMessage message) {
        String msgId = message.msgId();
        if (!(message instanceof WxEvent) && msgId != null && !msgId.isBlank()) {
            return appId + ":msg:" + msgId;
        }
        String kind = message instanceof WxEvent event && event.event() != null ? event.event() : message.msgType();
        String id = appId + ":evt:" + message.fromUserName() + ":" + message.createTime() + ":" + kind;
        if (message instanceof PublishJobFinishEvent finished) {
            return id + ":" + finished.publishId();
        }
        String eventKey = message.fields().get("EventKey");
        String withKey = eventKey == null || eventKey.isEmpty() ? id : id + ":" + eventKey;
        String jobMsgId = message instanceof WxEvent ? message.fields().get("MsgID") : null;
        return jobMsgId == null || jobMsgId.isEmpty() ? withKey : withKey + ":" + jobMsgId;
    }

    public static String of(ComponentPush push) {
        String id = push.componentAppId() + ":cmp:" + push.infoType() + ":" + push.createTime();
        String authorizer = push.authorizerAppId();
        return authorizer == null || authorizer.isEmpty() ? id : id + ":" + authorizer;
    }
}
