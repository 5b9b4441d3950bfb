package io.wxplatform.sandbox.callback;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The passive reply as the follower's WeChat saw it. {@code verified} is false when WeChat would have refused it
 * (bad signature, wrong appid, plain reply in safe mode, malformed, misaddressed); the follower then sees
 * "该公众号暂时无法提供服务，请稍后再试" instead.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReplyView(
        boolean empty,
        boolean wasEncrypted,
        boolean verified,
        String msgType,
        String content,
        Object payload,
        String error) {

    static ReplyView noReply(boolean wasEncrypted) {
        return new ReplyView(true, wasEncrypted, true, null, null, null, null);
    }

    static ReplyView rejected(boolean wasEncrypted, String error) {
        return new ReplyView(false, wasEncrypted, false, null, null, null, error);
    }
}
