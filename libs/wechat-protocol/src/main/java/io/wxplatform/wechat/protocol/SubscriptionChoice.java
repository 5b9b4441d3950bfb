package io.wxplatform.wechat.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One template of a subscription-notification popup or settings change: the follower's {@code SubscribeStatusString}
 * ({@code accept} or {@code reject}) and, for a popup, WeChat's {@code PopupScene}.
 */
public record SubscriptionChoice(String templateId, String status, String popupScene) {

    public static final String ACCEPT = "accept";
    public static final String REJECT = "reject";

    public boolean accepted() {
        return ACCEPT.equals(status);
    }

    /** The entries of {@code <root><List>…</List>…</root>}: WeChat sends one {@code List} element per template. */
    static List<SubscriptionChoice> read(Map<String, String> fields, String root) {
        List<SubscriptionChoice> choices = new ArrayList<>();
        for (String prefix : listPrefixes(fields, root)) {
            choices.add(new SubscriptionChoice(
                    Fields.required(fields, prefix + "TemplateId").trim(),
                    Fields.required(fields, prefix + "SubscribeStatusString").trim(),
                    fields.get(prefix + "PopupScene")));
        }
        return List.copyOf(choices);
    }

    /** {@code root.List.} for a single entry, {@code root.List[i].} for several (how SafeXml flattens them). */
    static List<String> listPrefixes(Map<String, String> fields, String root) {
        String single = root + ".List.";
        if (fields.keySet().stream().anyMatch(key -> key.startsWith(single))) {
            return List.of(single);
        }
        List<String> prefixes = new ArrayList<>();
        for (int i = 0; ; i++) {
            String indexed = root + ".List[" + i + "].";
            if (fields.keySet().stream().noneMatch(key -> key.startsWith(indexed))) {
                break;
            }
            prefixes.add(indexed);
        }
        if (prefixes.isEmpty()) {
            throw new IllegalArgumentException("no " + root + ".List");
        }
        return prefixes;
    }
}
