package io.wxplatform.wechat.protocol;

import java.util.Map;

/** An InfoType this library does not model (or whose typed fields were unreadable); all fields are kept. */
public record UnknownComponentPush(String componentAppId, long createTime, Map<String, String> fields)
        implements ComponentPush {}
