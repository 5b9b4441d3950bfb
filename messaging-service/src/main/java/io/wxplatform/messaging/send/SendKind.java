package io.wxplatform.messaging.send;

import io.wxplatform.wechat.api.ApiGroup;
import org.bson.Document;
import reactor.core.publisher.Mono;

/**
 * One kind of stored send the {@link Dispatcher} attempts (customer-service messages here, template messages in
 * {@code messaging.template}): how its WeChat call is made from the stored document, and what follows its outcome.
 * The claim, retries, and the SENT / FAILED record are the dispatcher's, the same for every kind.
 */
public interface SendKind {

    /** Whether sends stored with this {@code msgType} are of this kind. */
    boolean handles(String msgType);

    /** The permission-table group a 48001 is recorded against. */
    ApiGroup group();

    /** Calls WeChat for the stored send; emits WeChat's message id when WeChat gives one. */
    Mono<String> call(Document send, String accessToken);

    /** Runs once the claim holder recorded the send's outcome ({@code wechatMsgId} only when SENT with one). */
    default Mono<Void> finished(Document send, OutboundStatus status, String wechatMsgId) {
        return Mono.empty();
    }
}
