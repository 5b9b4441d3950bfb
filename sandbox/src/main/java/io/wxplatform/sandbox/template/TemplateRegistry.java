package io.wxplatform.sandbox.template;

import io.wxplatform.sandbox.web.Resettable;
import io.wxplatform.sandbox.web.WeChatError;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * Per account: its templates, its two industries, the followers who blocked its template messages, and the
 * {@code client_msg_id}s it sent lately (WeChat sends one message per follower and id within a window).
 */
@Component
class TemplateRegistry implements Resettable {

    /** A few of WeChat's industry ids (first class, second class); the sandbox knows no others. */
    static final Map<Integer, List<String>> INDUSTRIES = Map.of(
            1, List.of("IT科技", "互联网|电子商务"),
            2, List.of("IT科技", "IT软件与服务"),
            4, List.of("IT科技", "电子技术"),
            10, List.of("交通工具", "汽车相关"),
            41, List.of("其它", "其它"));

    record Template(String templateId, String title, String content) {}

    record Industries(int primary, int secondary) {}

    private record Sent(long msgId, Instant at) {}

    private final ConcurrentMap<String, Map<String, Template>> templates = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Industries> industries = new ConcurrentHashMap<>();
    private final Set<String> blocked = ConcurrentHashMap.newKeySet();
    private final ConcurrentMap<String, Sent> clientMsgIds = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong(System.currentTimeMillis() % 1_000_000_000L * 1000L);
    private final TemplateProperties props;

    TemplateRegistry(TemplateProperties props) {
        this.props = props;
    }

    List<Template> list(String appId) {
        Map<String, Template> held = templates.get(appId);
        if (held == null) {
            return List.of();
        }
        synchronized (held) {
            return new ArrayList<>(held.values());
        }
    }

    Optional<Template> find(String appId, String templateId) {
        return list(appId).stream()
                .filter(t -> t.templateId().equals(templateId))
                .findFirst();
    }

    /** A template from the library: its keywords are the names chosen, as WeChat's newer templates are. */
    Template add(String appId, String shortId, List<String> keywordNames) {
        Map<String, Template> held = templates.computeIfAbsent(appId, id -> new LinkedHashMap<>());
        synchronized (held) {
            if (held.size() >= props.maxTemplates()) {
                throw WeChatError.TOO_MANY_TEMPLATES.toException();
            }
            StringBuilder content = new StringBuilder();
            for (int i = 0; i < keywordNames.size(); i++) {
                content.append(keywordNames.get(i))
                        .append(":{{keyword")
                        .append(i + 1)
                        .append(".DATA}}\n");
            }
            Template template = new Template(shortId + "-" + ids.incrementAndGet(), shortId, content.toString());
            held.put(template.templateId(), template);
            return template;
        }
    }

    boolean delete(String appId, String templateId) {
        Map<String, Template> held = templates.get(appId);
        if (held == null) {
            return false;
        }
        synchronized (held) {
            return held.remove(templateId) != null;
        }
    }

    Optional<Industries> industries(String appId) {
        return Optional.ofNullable(industries.get(appId));
    }

    void setIndustries(String appId, Industries chosen) {
        industries.put(appId, chosen);
    }

    void block(String appId, String openId, boolean block) {
        if (block) {
            blocked.add(appId + "|" + openId);
        } else {
            blocked.remove(appId + "|" + openId);
        }
    }

    boolean blocked(String appId, String openId) {
        return blocked.contains(appId + "|" + openId);
    }

    /**
     * The msgid of this send: a new one, or the first one's when the same follower got the same {@code client_msg_id}
     * within the window (then {@code repeat} is true and nothing is sent again).
     */
    record MsgId(long msgId, boolean repeat) {}

    MsgId msgId(String appId, String openId, String clientMsgId, Instant now) {
        if (clientMsgId == null || clientMsgId.isBlank()) {
            return new MsgId(ids.incrementAndGet(), false);
        }
        Duration window = props.clientMsgIdWindow();
        boolean[] fresh = {false};
        Sent sent = clientMsgIds.compute(appId + "|" + openId + "|" + clientMsgId, (key, earlier) -> {
            if (earlier != null && now.isBefore(earlier.at().plus(window))) {
                return earlier;
            }
            fresh[0] = true;
            return new Sent(ids.incrementAndGet(), now);
        });
        return new MsgId(sent.msgId(), !fresh[0]);
    }

    @Override
    public void reset() {
        templates.clear();
        industries.clear();
        blocked.clear();
        clientMsgIds.clear();
    }
}
