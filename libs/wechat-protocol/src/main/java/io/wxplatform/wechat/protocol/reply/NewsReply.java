package io.wxplatform.wechat.protocol.reply;

import java.util.List;
import java.util.Objects;

/**
 * Articles as a passive reply: 1 to {@value #MAX_ARTICLES} (WeChat's current limit; in answer to a follower's
 * message it shows only the first).
 */
public record NewsReply(List<Article> articles) implements PassiveReply {

    public static final int MAX_ARTICLES = 8;

    public NewsReply {
        articles = List.copyOf(Objects.requireNonNull(articles, "articles"));
        if (articles.isEmpty() || articles.size() > MAX_ARTICLES) {
            throw new IllegalArgumentException(
                    "a news reply holds 1 to " + MAX_ARTICLES + " articles, got " + articles.size());
        }
    }

    @Override
    public String msgType() {
        return "news";
    }
}
