package io.wxplatform.sandbox.mass;

import io.wxplatform.sandbox.web.Resettable;
import io.wxplatform.sandbox.web.WeChatError;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * Each account's mass sends: its clientmsgids (24 h), its calls per China day, its subscription-account sends per day,
 * what each follower of a service account received this month, and every message sent (for mass/get and delete).
 * One lock per account, so a send's checks and its record are one step.
 */
@Component
class MassRegistry implements Resettable {

    /** WeChat's days and months are China's. */
    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    record Sent(long msgId, String msgType, boolean deleted) {}

    private record ClientMsg(long msgId, Instant at) {}

    private static final class AccountMass {
        final Map<String, ClientMsg> clientMsgIds = new HashMap<>();
        final Map<LocalDate, Integer> calls = new HashMap<>();
        final Map<LocalDate, Integer> sendAlls = new HashMap<>();
        final Map<String, Integer> received = new HashMap<>();
        final Map<Long, Sent> sent = new HashMap<>();
    }

    private final ConcurrentMap<String, AccountMass> byAccount = new ConcurrentHashMap<>();
    /** A series of its own, far from the template messages' msgids (WeChat's are separate too). */
    private final AtomicLong msgIds =
            new AtomicLong(5_000_000_000_000L + System.currentTimeMillis() % 1_000_000L * 1000L);

    private final MassProperties props;

    MassRegistry(MassProperties props) {
        this.props = props;
    }

    /** A send's verdict before anything goes out. */
    sealed interface Verdict permits Proceed, AlreadySent {}

    record Proceed(long msgId) implements Verdict {}

    record AlreadySent(long msgId) implements Verdict {}

    /**
     * Counts the call and checks the clientmsgid and the quotas, atomically; {@code deliver} runs under the lock only
     * when the send proceeds. 45066 for a clientmsgid repeated within the retry window; 45009 past the daily calls or,
     * for a subscription account, past its one send a day.
     */
    Verdict send(String appId, String clientMsgId, boolean subscription, Instant now, Supplier<Void> checks) {
        AccountMass mass = byAccount.computeIfAbsent(appId, id -> new AccountMass());
        synchronized (mass) {
            LocalDate day = LocalDate.ofInstant(now, CHINA);
            if (mass.calls.merge(day, 1, Integer::sum) > props.dailyCalls()) {
                throw WeChatError.DAILY_QUOTA.toException();
            }
            checks.get();
            if (clientMsgId != null) {
                ClientMsg first = mass.clientMsgIds.get(clientMsgId);
                if (first != null && now.isBefore(first.at().plus(props.clientMsgIdWindow()))) {
                    if (now.isBefore(first.at().plus(props.retryWindow()))) {
                        throw WeChatError.CLIENT_MSG_ID_RETRIED.toException();
                    }
                    return new AlreadySent(first.msgId());
                }
            }
            if (subscription && mass.sendAlls.getOrDefault(day, 0) >= 1) {
                throw WeChatError.DAILY_QUOTA.toException();
            }
            long msgId = msgIds.incrementAndGet();
            if (clientMsgId != null) {
                mass.clientMsgIds.put(clientMsgId, new ClientMsg(msgId, now));
            }
            if (subscription) {
                mass.sendAlls.merge(day, 1, Integer::sum);
            }
            return new Proceed(msgId);
        }
    }

    /**
     * Records the sent message and decides who receives it: on a service account, a follower who received {@code
     * perFollowerMonthly} mass messages this month is filtered out (WeChat's FilterCount).
     */
    List<String> deliver(
            String appId, long msgId, String msgType, List<String> recipients, boolean service, Instant now) {
        AccountMass mass = byAccount.computeIfAbsent(appId, id -> new AccountMass());
        synchronized (mass) {
            mass.sent.put(msgId, new Sent(msgId, msgType, false));
            if (!service) {
                return recipients;
            }
            YearMonth month = YearMonth.from(now.atZone(CHINA));
            return recipients.stream()
                    .filter(openId ->
                            mass.received.merge(openId + "|" + month, 1, Integer::sum) <= props.perFollowerMonthly())
                    .toList();
        }
    }

    Optional<Sent> sent(String appId, long msgId) {
        AccountMass mass = byAccount.computeIfAbsent(appId, id -> new AccountMass());
        synchronized (mass) {
            return Optional.ofNullable(mass.sent.get(msgId));
        }
    }

    void deleted(String appId, long msgId) {
        AccountMass mass = byAccount.computeIfAbsent(appId, id -> new AccountMass());
        synchronized (mass) {
            mass.sent.computeIfPresent(msgId, (id, sent) -> new Sent(id, sent.msgType(), true));
        }
    }

    long previewId() {
        return msgIds.incrementAndGet();
    }

    @Override
    public void reset() {
        byAccount.clear();
    }
}
