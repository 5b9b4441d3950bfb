package io.wxplatform.sandbox.kf;

import io.wxplatform.sandbox.web.Resettable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import org.springframework.stereotype.Component;

/**
 * Per account, its customer-service agents (at most {@value #MAX_AGENTS}), which follower each agent holds, who waits
 * for an agent, and the session history WeChat keeps ({@code msgrecord}). One lock per account: agent changes are
 * rare and small.
 */
@Component
public class AgentRegistry implements Resettable {

    static final int MAX_AGENTS = 100;

    /** WeChat's opercodes of session lines: waiting, created by the account, closed. */
    static final int WAITING = 1000;

    static final int CREATED = 1002;
    static final int CLOSED = 1004;

    record Agent(String kfAccount, String nickname, int kfId, String wxAccount, String inviteWx, boolean online) {}

    record Session(String kfAccount, Instant since) {}

    record Line(long id, String openId, int operCode, String text, String worker, Instant at) {}

    private static final class Held {
        final Map<String, Agent> agents = new LinkedHashMap<>();
        final Map<String, Session> sessions = new LinkedHashMap<>();
        final Map<String, Instant> waiting = new LinkedHashMap<>();
        final List<Line> lines = new ArrayList<>();
        int nextKfId = 1001;
    }

    private final ConcurrentMap<String, Held> byAppId = new ConcurrentHashMap<>();
    private final AtomicLong lineIds = new AtomicLong();

    private Held held(String appId) {
        return byAppId.computeIfAbsent(appId, id -> new Held());
    }

    List<Agent> agents(String appId) {
        Held held = held(appId);
        synchronized (held) {
            return List.copyOf(held.agents.values());
        }
    }

    void add(String appId, String kfAccount, String nickname) {
        Held held = held(appId);
        synchronized (held) {
            if (held.agents.containsKey(kfAccount)) {
                throw AgentErrors.EXISTS.toException();
            }
            if (held.agents.size() >= MAX_AGENTS) {
                throw AgentErrors.TOO_MANY.toException();
            }
            held.agents.put(kfAccount, new Agent(kfAccount, nickname, held.nextKfId++, null, null, false));
        }
    }

    void update(String appId, String kfAccount, String nickname) {
        change(
                appId,
                kfAccount,
                agent -> new Agent(
                        kfAccount, nickname, agent.kfId(), agent.wxAccount(), agent.inviteWx(), agent.online()));
    }

    void delete(String appId, String kfAccount) {
        Held held = held(appId);
        synchronized (held) {
            if (held.agents.remove(kfAccount) == null) {
                throw AgentErrors.INVALID_ACCOUNT.toException();
            }
            held.sessions.values().removeIf(session -> session.kfAccount().equals(kfAccount));
        }
    }

    void invite(String appId, String kfAccount, String wxAccount) {
        change(appId, kfAccount, agent -> {
            if (agent.wxAccount() != null) {
                throw AgentErrors.ALREADY_BOUND.toException();
            }
            if (agent.inviteWx() != null) {
                throw AgentErrors.INVITE_PENDING.toException();
            }
            return new Agent(kfAccount, agent.nickname(), agent.kfId(), null, wxAccount, false);
        });
    }

    /** A sandbox control: the invited person accepted (or a WeChat user is bound directly), and is online or not. */
    Agent setState(String appId, String kfAccount, boolean bound, boolean online) {
        return change(appId, kfAccount, agent -> {
            String wx = bound
                    ? (agent.wxAccount() != null
                            ? agent.wxAccount()
                            : agent.inviteWx() != null
                                    ? agent.inviteWx()
                                    : "wx_" + kfAccount.split("@")[0])
                    : null;
            return new Agent(kfAccount, agent.nickname(), agent.kfId(), wx, bound ? null : agent.inviteWx(), online);
        });
    }

    Optional<Session> session(String appId, String openId) {
        Held held = held(appId);
        synchronized (held) {
            return Optional.ofNullable(held.sessions.get(openId));
        }
    }

    List<Map.Entry<String, Session>> sessions(String appId, String kfAccount) {
        Held held = held(appId);
        synchronized (held) {
            if (!held.agents.containsKey(kfAccount)) {
                throw AgentErrors.INVALID_ACCOUNT.toException();
            }
            return held.sessions.entrySet().stream()
                    .filter(e -> e.getValue().kfAccount().equals(kfAccount))
                    .map(e -> Map.entry(e.getKey(), e.getValue()))
                    .toList();
        }
    }

    List<Map.Entry<String, Instant>> waiting(String appId) {
        Held held = held(appId);
        synchronized (held) {
            return List.copyOf(held.waiting.entrySet());
        }
    }

    /** Creates the session: 65401 unknown agent, 65402 not bound, 65415 offline, 65414 another agent has them. */
    void create(String appId, String kfAccount, String openId, Instant now) {
        Held held = held(appId);
        synchronized (held) {
            Agent agent = held.agents.get(kfAccount);
            if (agent == null) {
                throw AgentErrors.INVALID_ACCOUNT.toException();
            }
            if (agent.wxAccount() == null) {
                throw AgentErrors.NOT_BOUND.toException();
            }
            if (!agent.online()) {
                throw AgentErrors.OFFLINE.toException();
            }
            Session current = held.sessions.get(openId);
            if (current != null && !current.kfAccount().equals(kfAccount)) {
                throw AgentErrors.WITH_ANOTHER_AGENT.toException();
            }
            held.waiting.remove(openId);
            held.sessions.put(openId, new Session(kfAccount, now));
            held.lines.add(new Line(lineIds.incrementAndGet(), openId, CREATED, "", kfAccount, now));
        }
    }

    /** Closes the follower's session with this agent: 65401 unknown agent, 65413 no such session. */
    void close(String appId, String kfAccount, String openId, Instant now) {
        Held held = held(appId);
        synchronized (held) {
            if (!held.agents.containsKey(kfAccount)) {
                throw AgentErrors.INVALID_ACCOUNT.toException();
            }
            Session current = held.sessions.get(openId);
            if (current == null || !current.kfAccount().equals(kfAccount)) {
                throw AgentErrors.NO_SESSION.toException();
            }
            held.sessions.remove(openId);
            held.lines.add(new Line(lineIds.incrementAndGet(), openId, CLOSED, "", kfAccount, now));
        }
    }

    /**
     * A passive reply handed the follower to agents: to the named agent's session when they are bound and online, to
     * the waiting list otherwise (WeChat's behaviour for a busy or absent agent).
     */
    public void transferred(String appId, String openId, String kfAccount, String text, Instant now) {
        Held held = held(appId);
        synchronized (held) {
            Agent agent = kfAccount == null ? null : held.agents.get(kfAccount);
            if (held.sessions.containsKey(openId)) {
                return;
            }
            if (agent != null && agent.online() && agent.wxAccount() != null) {
                held.sessions.put(openId, new Session(kfAccount, now));
                held.lines.add(new Line(lineIds.incrementAndGet(), openId, CREATED, text, kfAccount, now));
            } else {
                held.waiting.putIfAbsent(openId, now);
                held.lines.add(new Line(lineIds.incrementAndGet(), openId, WAITING, text, "", now));
            }
        }
    }

    /** History lines from {@code from} to {@code to} with id at least {@code msgId}, at most {@code number}. */
    List<Line> lines(String appId, Instant from, Instant to, long msgId, int number) {
        Held held = held(appId);
        synchronized (held) {
            return held.lines.stream()
                    // WeChat's times are whole seconds, both ends included.
                    .filter(line -> line.id() >= msgId
                            && line.at().getEpochSecond() >= from.getEpochSecond()
                            && line.at().getEpochSecond() <= to.getEpochSecond())
                    .limit(number)
                    .toList();
        }
    }

    private Agent change(String appId, String kfAccount, UnaryOperator<Agent> change) {
        Held held = held(appId);
        synchronized (held) {
            Agent agent = held.agents.get(kfAccount);
            if (agent == null) {
                throw AgentErrors.INVALID_ACCOUNT.toException();
            }
            Agent changed = change.apply(agent);
            held.agents.put(kfAccount, changed);
            return changed;
        }
    }

    @Override
    public void reset() {
        byAppId.clear();
    }
}
