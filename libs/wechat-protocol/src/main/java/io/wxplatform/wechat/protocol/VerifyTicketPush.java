package io.wxplatform.wechat.protocol;

import java.util.Map;

/** {@code component_verify_ticket}: pushed every 10 minutes, valid 12 hours. */
public record VerifyTicketPush(String componentAppId, long createTime, String ticket, Map<String, String> fields)
        implements ComponentPush {

    static VerifyTicketPush from(String appId, long createTime, Map<String, String> f) {
        return new VerifyTicketPush(appId, createTime, f.get("ComponentVerifyTicket"), f);
    }
}
