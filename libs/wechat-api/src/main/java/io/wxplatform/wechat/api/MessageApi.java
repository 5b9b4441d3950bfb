package io.wxplatform.wechat.api;

import java.util.Map;
import reactor.core.publisher.Mono;

/** Messages to followers. Customer-service messages now; template and mass sends belong here too. */
public final class MessageApi {

    static final String CUSTOM_SEND = "/cgi-bin/message/custom/send";
    static final String CUSTOM_TYPING = "/cgi-bin/message/custom/typing";

    private final WeChatRequests requests;

    MessageApi(WeChatRequests requests) {
        this.requests = requests;
    }

    /** Allowed only inside the follower's 48-hour window; outside WeChat answers 45015 ({@link ErrorCategory#WINDOW}). */
    public Mono<Void> sendCustom(String appId, String accessToken, CustomMessage message) {
        return requests.post(appId, CUSTOM_SEND, Map.of("access_token", accessToken), message.toJson())
                .then();
    }

    /**
     * Shows ({@code typing}) or hides the "typing…" indicator in the follower's chat; like a send, only inside the
     * follower's window.
     */
    public Mono<Void> typing(String appId, String accessToken, String openId, boolean typing) {
        return requests.post(
                        appId,
                        CUSTOM_TYPING,
                        Map.of("access_token", accessToken),
                        Map.of("touser", openId, "command", typing ? "Typing" : "CancelTyping"))
                .then();
    }
}
