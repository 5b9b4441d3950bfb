package io.wxplatform.sandbox.follower;

import io.wxplatform.sandbox.account.Account;
import io.wxplatform.sandbox.account.AccountRegistry;
import io.wxplatform.sandbox.callback.Attempt;
import io.wxplatform.sandbox.callback.CallbackDelivery;
import io.wxplatform.sandbox.callback.Delivery;
import io.wxplatform.sandbox.callback.DeliveryPlan;
import io.wxplatform.sandbox.callback.ReplyInspector;
import io.wxplatform.sandbox.callback.ReplyView;
import io.wxplatform.sandbox.kf.AgentRegistry;
import io.wxplatform.sandbox.web.SandboxProblem;
import io.wxplatform.wechat.protocol.reply.TransferCustomerServiceReply;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Plays a follower: records the interaction as WeChat would, sends the callback, shows the verified passive reply in
 * the follower's inbox, and optionally waits for customer-service messages.
 */
@Component
class FollowerSimulator {

    /** What the caller waits for after the callback: this many new customer-service messages, at most this long. */
    record Await(int messages, Duration timeout) {}

    // Seeded from the wall clock so ids stay unique across restarts (platforms dedupe on MsgId).
    private final AtomicLong msgIds = new AtomicLong(System.currentTimeMillis() * 10_000L);
    private final AccountRegistry accounts;
    private final FollowerRegistry followers;
    private final Inbox inbox;
    private final CallbackDelivery delivery;
    private final AgentRegistry agents;
    private final Clock clock;

    FollowerSimulator(
            AccountRegistry accounts,
            FollowerRegistry followers,
            Inbox inbox,
            CallbackDelivery delivery,
            AgentRegistry agents,
            Clock clock) {
        this.accounts = accounts;
        this.followers = followers;
        this.inbox = inbox;
        this.delivery = delivery;
        this.agents = agents;
        this.clock = clock;
    }

    Mono<CallbackOutcome> message(String appId, String openId, MessageRequest request, DeliveryPlan plan, Await await) {
        Account account = accounts.require(appId);
        Instant now = clock.instant();
        long msgId = msgIds.incrementAndGet();
        String xml = FollowerXml.message(account.originalId(), openId, now.getEpochSecond(), msgId, request);
        followers.messaged(appId, openId, now);
        return send(account, openId, request.msgType(), xml, msgId, now, plan, await);
    }

    Mono<CallbackOutcome> event(String appId, String openId, EventRequest request, DeliveryPlan plan, Await await) {
        Account account = accounts.require(appId);
        Instant now = clock.instant();
        String event = FollowerXml.event(request.event());
        String xml = FollowerXml.event(account.originalId(), openId, now.getEpochSecond(), event, request);
        if (followers.evented(appId, openId, event, now).isEmpty()) {
            throw new SandboxProblem(HttpStatus.CONFLICT, "not_a_follower", openId + " does not follow " + appId);
        }
        return send(account, openId, "event:" + event, xml, null, now, plan, await);
    }

    private Mono<CallbackOutcome> send(
            Account account,
            String openId,
            String kind,
            String xml,
            Long msgId,
            Instant createdAt,
            DeliveryPlan plan,
            Await await) {
        long mark = inbox.lastSeq();
        return delivery.deliver(account, openId, kind, xml, plan)
                .map(d -> new Delivered(d, attemptsShown(account, openId, d, plan), showReply(account, openId, d)))
                .flatMap(delivered -> awaitMessages(account.appId(), openId, mark, await)
                        .map(messages -> new CallbackOutcome(
                                msgId,
                                createdAt.getEpochSecond(),
                                delivered.delivery().callbackUrl(),
                                delivered.attempts(),
                                delivered.reply(),
                                delivered.delivery().error(),
                                await.messages() > 0 ? messages : null)));
    }

    /** The reply the follower sees, from the first 2xx answer; it reaches the inbox once however often it came. */
    private ReplyView showReply(Account account, String openId, Delivery d) {
        if (d.answer() == null) {
            return null;
        }
        ReplyView reply = ReplyInspector.inspect(
                d.signing(), account.originalId(), openId, d.answer().body());
        if (reply.verified() && !reply.empty()) {
            inbox.append(
                    account.appId(),
                    openId,
                    InboxEntry.Source.PASSIVE_REPLY,
                    reply.msgType(),
                    reply.content(),
                    reply.payload());
            if (reply.payload() instanceof TransferCustomerServiceReply transfer) {
                agents.transferred(account.appId(), openId, transfer.kfAccount(), "", clock.instant());
            }
        }
        return reply;
    }

    /** Repeated deliveries show each answered attempt's reply, so callers can compare them. */
    private static List<Attempt> attemptsShown(Account account, String openId, Delivery d, DeliveryPlan plan) {
        if (!plan.repeats()) {
            return d.attempts();
        }
        return d.attempts().stream()
                .map(a -> a.answered()
                        ? a.withReply(ReplyInspector.inspect(d.signing(), account.originalId(), openId, a.body()))
                        : a)
                .toList();
    }

    private Mono<List<InboxEntry>> awaitMessages(String appId, String openId, long mark, Await await) {
        return inbox.awaitCustomerMessages(appId, openId, mark, await.messages(), await.timeout());
    }

    private record Delivered(Delivery delivery, List<Attempt> attempts, ReplyView reply) {}
}
