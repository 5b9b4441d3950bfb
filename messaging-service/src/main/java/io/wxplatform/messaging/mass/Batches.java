package io.wxplatform.messaging.mass;

import java.util.ArrayList;
import java.util.List;

/**
 * An openid list cut into {@code message/mass/send} batches of at most {@code max}: as few batches as that allows,
 * their sizes differing by one at most, so no batch is left with a single openid (WeChat takes 2 to 10,000).
 */
public final class Batches {

    private Batches() {}

    public static List<List<String>> split(List<String> openIds, int max) {
        if (max < 3) {
            throw new IllegalArgumentException("batches of at most " + max + " could leave one openid alone");
        }
        int count = (openIds.size() + max - 1) / max;
        List<List<String>> batches = new ArrayList<>(count);
        int from = 0;
        for (int i = 0; i < count; i++) {
            int size = openIds.size() / count + (i < openIds.size() % count ? 1 : 0);
            batches.add(List.copyOf(openIds.subList(from, from + size)));
            from += size;
        }
        return batches;
    }
}
