package io.wxplatform.callback.ingest;

import io.wxplatform.callback.rules.ReplyRules;
import io.wxplatform.support.logging.RequestLog;
import io.wxplatform.wechat.protocol.InboundMessage;
import io.wxplatform.wechat.protocol.callback.OpenedCallback;
import io.wxplatform.wechat.protocol.reply.PassiveReply;
import io.wxplatform.wechat.protocol.reply.ReplyRenderer;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The answer to a callback whose event is already durable: the passive reply of the account's first matching rule,
 * from memory, rendered for the follower and sealed as the callback came (encrypted with the key that opened it,
 * for the account or its component); {@code success} when no rule matches.
 */
@Component
class PassiveReplies {

    private static final Logger log = LoggerFactory.getLogger(PassiveReplies.class);

    private final ReplyRules rules;
    private final CallbackMetrics metrics;
    private final Clock clock;

    PassiveReplies(ReplyRules rules, CallbackMetrics metrics, Clock clock) {
        this.rules = rules;
        this.metrics = metrics;
        this.clock = clock;
    }

    Answer answer(Received.FollowerMessage received, RequestLog requestLog) {
        return render(
                        received.event().appId(),
                        requestLog,
                        received.event().message(),
                        received.callback(),
                        received.credentials())
                .map(Answer::xml)
                .orElse(Answer.SUCCESS);
    }

    /** A reply that cannot be built is no reply: the event is stored, so {@code success} is still the truth. */
    private Optional<String> render(
            String appId,
            RequestLog requestLog,
            InboundMessage message,
            OpenedCallback callback,
            Credentials credentials) {
        try {
            Optional<PassiveReply> reply = rules.replyTo(appId, message);
            if (reply.isEmpty()) {
                return Optional.empty();
            }
            long now = clock.instant().getEpochSecond();
            String xml = ReplyRenderer.render(reply.get(), message.fromUserName(), message.toUserName(), now);
            String nonce = Long.toString(ThreadLocalRandom.current().nextLong(1_000_000_000L, 10_000_000_000L));
            String body = credentials.seal(xml, callback, Long.toString(now), nonce);
            metrics.replied(appId, reply.get().msgType());
            return Optional.of(body);
        } catch (RuntimeException e) {
            requestLog.log(() -> log.warn("No passive reply for a callback of {}: {}", appId, e.toString()));
            return Optional.empty();
        }
    }
}
