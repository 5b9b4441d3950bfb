package io.wxplatform.sandbox.subscribe;

import io.wxplatform.sandbox.web.Resettable;
import io.wxplatform.sandbox.web.WeChatError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * Subscription notifications per account: WeChat's template library (a few entries), the account's templates (at most
 * {@value #MAX_TEMPLATES}), and each follower's consent per template. A one-time template's accept allows one
 * notification (WeChat's rule): a send uses it up, and the next needs another popup.
 */
@Component
class SubscriptionRegistry implements Resettable {

    static final int MAX_TEMPLATES = 50;
    static final int ONE_TIME = 2;

    record Keyword(int kid, String name, String example, String rule) {}

    record LibraryTemplate(String tid, String title, int type, List<Keyword> keywords) {}

    /** A small part of WeChat's public library; {@code getcategory} answers its one category. */
    static final Map<String, LibraryTemplate> LIBRARY = Map.of(
            "1001",
            new LibraryTemplate(
                    "1001",
                    "订单状态通知",
                    ONE_TIME,
                    List.of(
                            new Keyword(1, "商品名称", "咖啡", "thing"),
                            new Keyword(2, "订单状态", "已发货", "phrase"),
                            new Keyword(3, "更新时间", "2026-01-01 12:00", "time"))),
            "1002",
            new LibraryTemplate(
                    "1002",
                    "预约提醒",
                    3,
                    List.of(new Keyword(1, "预约项目", "体检", "thing"), new Keyword(2, "预约时间", "明天", "time"))));

    static final Map<Integer, String> CATEGORIES = Map.of(616, "IT科技 > 软件服务");

    record Template(
            String templateId, String tid, String title, String content, String example, int type, List<String> keys) {}

    private final ConcurrentMap<String, Map<String, Template>> templates = new ConcurrentHashMap<>();
    /** appId|openId|templateId → accept allowances left (one-time) or -1 (long-term accepted). */
    private final ConcurrentMap<String, Integer> consents = new ConcurrentHashMap<>();

    private final AtomicLong ids = new AtomicLong(System.currentTimeMillis() % 1_000_000L);

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

    /** 200014 unknown tid, 200020 keyword ids not of the template, 200012 past the account's limit. */
    Template add(String appId, String tid, List<Integer> kids) {
        LibraryTemplate library = LIBRARY.get(tid);
        if (library == null) {
            throw new WeChatError(200014, "template tid not exist").toException();
        }
        if (kids.isEmpty()) {
            throw new WeChatError(200020, "keyword list is empty").toException();
        }
        StringBuilder content = new StringBuilder();
        StringBuilder example = new StringBuilder();
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < kids.size(); i++) {
            int kid = kids.get(i);
            Keyword keyword = library.keywords().stream()
                    .filter(k -> k.kid() == kid)
                    .findFirst()
                    .orElseThrow(() -> new WeChatError(200020, "keyword id invalid").toException());
            String key = keyword.rule() + (i + 1);
            keys.add(key);
            content.append(keyword.name()).append(":{{").append(key).append(".DATA}}\n");
            example.append(keyword.name()).append(':').append(keyword.example()).append('\n');
        }
        Map<String, Template> held = templates.computeIfAbsent(appId, id -> new LinkedHashMap<>());
        synchronized (held) {
            if (held.size() >= MAX_TEMPLATES) {
                throw new WeChatError(200012, "private template count reach limit").toException();
            }
            Template template = new Template(
                    "sub-" + tid + "-" + ids.incrementAndGet(),
                    tid,
                    library.title(),
                    content.toString(),
                    example.toString(),
                    library.type(),
                    List.copyOf(keys));
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

    void choose(String appId, String openId, Template template, boolean accept) {
        String key = appId + "|" + openId + "|" + template.templateId();
        if (!accept) {
            consents.remove(key);
        } else if (template.type() == ONE_TIME) {
            consents.merge(key, 1, (a, b) -> a < 0 ? a : a + b);
        } else {
            consents.put(key, -1);
        }
    }

    /** Uses one accept of the follower for the template; false when there is none (WeChat's 43101). */
    boolean use(String appId, String openId, String templateId) {
        boolean[] used = {false};
        consents.computeIfPresent(appId + "|" + openId + "|" + templateId, (key, left) -> {
            used[0] = true;
            if (left < 0) {
                return left;
            }
            return left > 1 ? left - 1 : null;
        });
        return used[0];
    }

    @Override
    public void reset() {
        templates.clear();
        consents.clear();
    }
}
