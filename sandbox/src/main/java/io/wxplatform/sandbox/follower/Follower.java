package io.wxplatform.sandbox.follower;

import java.time.Instant;

/**
 * A follower of one account. A message opens the 48-hour window; subscribe, SCAN and menu clicks open WeChat's
 * short event window (a few messages within a minute).
 */
public record Follower(
        String openId,
        boolean subscribed,
        Instant subscribedAt,
        Instant lastInteractionAt,
        Instant lastMessageAt,
        int sendsSinceMessage,
        Instant eventWindowStart,
        int eventSendsLeft) {

    static Follower subscribedNow(String openId, Instant now) {
        return new Follower(openId, true, now, null, null, 0, null, 0);
    }

    Follower messaged(Instant now) {
        return new Follower(openId, subscribed, subscribedAt, now, now, 0, eventWindowStart, eventSendsLeft);
    }

    Follower evented(Instant now, int windowSends) {
        return new Follower(openId, subscribed, subscribedAt, now, lastMessageAt, sendsSinceMessage, now, windowSends);
    }

    Follower interacted(Instant now) {
        return new Follower(
                openId,
                subscribed,
                subscribedAt,
                now,
                lastMessageAt,
                sendsSinceMessage,
                eventWindowStart,
                eventSendsLeft);
    }

    Follower resubscribed(Instant now) {
        return subscribed ? this : new Follower(openId, true, now, lastInteractionAt, null, 0, null, 0);
    }

    Follower unsubscribed(Instant now) {
        return new Follower(openId, false, subscribedAt, now, lastMessageAt, sendsSinceMessage, null, 0);
    }

    Follower sentInMessageWindow() {
        return new Follower(
                openId,
                subscribed,
                subscribedAt,
                lastInteractionAt,
                lastMessageAt,
                sendsSinceMessage + 1,
                eventWindowStart,
                eventSendsLeft);
    }

    Follower sentInEventWindow() {
        return new Follower(
                openId,
                subscribed,
                subscribedAt,
                lastInteractionAt,
                lastMessageAt,
                sendsSinceMessage,
                eventWindowStart,
                eventSendsLeft - 1);
    }
}
