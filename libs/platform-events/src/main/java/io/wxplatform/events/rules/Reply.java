package io.wxplatform.events.rules;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.wxplatform.wechat.protocol.reply.ImageReply;
import io.wxplatform.wechat.protocol.reply.NewsReply;
import io.wxplatform.wechat.protocol.reply.PassiveReply;
import io.wxplatform.wechat.protocol.reply.TextReply;
import io.wxplatform.wechat.protocol.reply.TransferCustomerServiceReply;
import io.wxplatform.wechat.protocol.reply.VideoReply;
import io.wxplatform.wechat.protocol.reply.VoiceReply;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link ReplyRule} answers, in platform terms; {@link #toPassiveReply()} hands it to wechat-protocol for
 * rendering. JSON: {@code {"type": "TEXT", "content": "…"}}, {@code {"type": "IMAGE", "mediaId": "…"}},
 * {@code {"type": "VOICE", "mediaId": "…"}}, {@code {"type": "VIDEO", "mediaId": "…", "title": "…", "description":
 * "…"}}, {@code {"type": "NEWS", "articles": [{title, description, picUrl, url}]}},
 * {@code {"type": "TRANSFER_CUSTOMER_SERVICE", "kfAccount": "…"?}}. A media reply may name the
 * platform asset it was made from ({@code assetId}): messaging-service then publishes it with that asset's current
 * media_id, so a re-uploaded temporary asset changes the reply's {@code mediaId} and nothing else.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Reply.Text.class, name = "TEXT"),
    @JsonSubTypes.Type(value = Reply.Image.class, name = "IMAGE"),
    @JsonSubTypes.Type(value = Reply.Voice.class, name = "VOICE"),
    @JsonSubTypes.Type(value = Reply.Video.class, name = "VIDEO"),
    @JsonSubTypes.Type(value = Reply.News.class, name = "NEWS"),
    @JsonSubTypes.Type(value = Reply.TransferToAgents.class, name = "TRANSFER_CUSTOMER_SERVICE")
})
public sealed interface Reply {

    /** WeChat cuts passive text replies at 2048 bytes; this keeps even all-CJK text under it. */
    int MAX_TEXT = 600;

    int MAX_ARTICLES = NewsReply.MAX_ARTICLES;

    PassiveReply toPassiveReply();

    record Text(String content) implements Reply {
        public Text {
            Objects.requireNonNull(content, "content");
            if (content.isBlank() || content.length() > MAX_TEXT) {
                throw new IllegalArgumentException("content must hold 1 to " + MAX_TEXT + " characters");
            }
        }

        @Override
        public PassiveReply toPassiveReply() {
            return new TextReply(content);
        }
    }

    /** A reply carrying WeChat media: its media_id now, and the platform asset it follows, if any. */
    sealed interface WithMedia extends Reply {

        String mediaId();

        String assetId();

        /** The same reply with the asset's current media_id. */
        WithMedia withMediaId(String mediaId);
    }

    record Image(
            String mediaId,
            @JsonInclude(JsonInclude.Include.NON_NULL) String assetId) implements WithMedia {
        public Image {
            requireMediaId(mediaId);
        }

        public Image(String mediaId) {
            this(mediaId, null);
        }

        @Override
        public Image withMediaId(String current) {
            return new Image(current, assetId);
        }

        @Override
        public PassiveReply toPassiveReply() {
            return new ImageReply(mediaId);
        }
    }

    record Voice(
            String mediaId,
            @JsonInclude(JsonInclude.Include.NON_NULL) String assetId) implements WithMedia {
        public Voice {
            requireMediaId(mediaId);
        }

        @Override
        public Voice withMediaId(String current) {
            return new Voice(current, assetId);
        }

        @Override
        public PassiveReply toPassiveReply() {
            return new VoiceReply(mediaId);
        }
    }

    /** {@code title} and {@code description} are optional. */
    record Video(
            String mediaId,
            @JsonInclude(JsonInclude.Include.NON_NULL) String title,
            @JsonInclude(JsonInclude.Include.NON_NULL) String description,
            @JsonInclude(JsonInclude.Include.NON_NULL) String assetId)
            implements WithMedia {
        public Video {
            requireMediaId(mediaId);
        }

        @Override
        public Video withMediaId(String current) {
            return new Video(current, title, description, assetId);
        }

        @Override
        public PassiveReply toPassiveReply() {
            return new VideoReply(mediaId, title, description);
        }
    }

    private static void requireMediaId(String mediaId) {
        Objects.requireNonNull(mediaId, "mediaId");
        if (mediaId.isBlank()) {
            throw new IllegalArgumentException("mediaId must not be blank");
        }
    }

    record News(List<Article> articles) implements Reply {
        public News {
            articles = List.copyOf(Objects.requireNonNull(articles, "articles"));
            if (articles.isEmpty() || articles.size() > MAX_ARTICLES) {
                throw new IllegalArgumentException("articles must hold 1 to " + MAX_ARTICLES + " entries");
            }
        }

        @Override
        public PassiveReply toPassiveReply() {
            return new NewsReply(articles.stream().map(Article::toProtocol).toList());
        }
    }

    /** Hands the conversation to the account's agents, to {@code kfAccount} ({@code name@account}) when given. */
    record TransferToAgents(String kfAccount) implements Reply {
        public TransferToAgents {
            if (kfAccount != null && kfAccount.isBlank()) {
                kfAccount = null;
            }
            if (kfAccount != null && !kfAccount.contains("@")) {
                throw new IllegalArgumentException("kfAccount must be name@account");
            }
        }

        @Override
        public PassiveReply toPassiveReply() {
            return new TransferCustomerServiceReply(kfAccount);
        }
    }

    /** One news entry; WeChat shows nothing useful without a title. */
    record Article(String title, String description, String picUrl, String url) {
        public Article {
            Objects.requireNonNull(title, "title");
            if (title.isBlank()) {
                throw new IllegalArgumentException("title must not be blank");
            }
        }

        io.wxplatform.wechat.protocol.reply.Article toProtocol() {
            return new io.wxplatform.wechat.protocol.reply.Article(title, description, picUrl, url);
        }
    }
}
