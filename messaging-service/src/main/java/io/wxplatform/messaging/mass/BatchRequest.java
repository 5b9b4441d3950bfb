package io.wxplatform.messaging.mass;

import io.wxplatform.wechat.api.MassMessage;
import java.util.List;

/** One batch's WeChat call as stored with it: to all, to a tag, or to its slice of the openids. */
record BatchRequest(MassSendRequest.Target target, Long tagId, List<String> openIds, MassMessage message) {}
