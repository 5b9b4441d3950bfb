package io.wxplatform.wechat.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * Article drafts ({@code /cgi-bin/draft/…}) and publishing them ({@code /cgi-bin/freepublish/…}), WeChat's current
 * article API ({@code material/add_news} is switched off: 45103). Drafts breaking WeChat's limits are refused with
 * {@link WeChatLimitException} before the call.
 */
public final class DraftApi {

    static final String ADD = "/cgi-bin/draft/add";
    static final String GET = "/cgi-bin/draft/get";
    static final String UPDATE = "/cgi-bin/draft/update";
    static final String DELETE = "/cgi-bin/draft/delete";
    static final String COUNT = "/cgi-bin/draft/count";
    static final String BATCH_GET = "/cgi-bin/draft/batchget";
    static final String SUBMIT = "/cgi-bin/freepublish/submit";
    static final String STATUS = "/cgi-bin/freepublish/get";
    static final String DELETE_PUBLISHED = "/cgi-bin/freepublish/delete";
    static final String PUBLISHED = "/cgi-bin/freepublish/batchget";
    static final String PUBLISHED_ARTICLE = "/cgi-bin/freepublish/getarticle";

    public static final int MAX_ARTICLES = 8;
    public static final int TITLE_CHARS = 32;
    public static final int AUTHOR_CHARS = 16;
    public static final int DIGEST_CHARS = 128;
    /**
     * A link in an article's HTML: WeChat refuses links to anywhere but WeChat's own articles with 45166 (invalid
     * content); the "read more" link ({@code content_source_url}) may go anywhere.
     */
    private static final Pattern LINK =
            Pattern.compile("<a\\b[^>]*\\bhref\\s*=\\s*[\"']?([^\"'\\s>]+)", Pattern.CASE_INSENSITIVE);

    private static final Pattern WECHAT_ARTICLE = Pattern.compile("^https?://mp\\.weixin\\.qq\\.com(/.*)?$");

    /** Drafts per {@code draft/batchget} page. */
    public static final int MAX_PAGE = 20;

    private final WeChatRequests requests;

    DraftApi(WeChatRequests requests) {
        this.requests = requests;
    }

    /** Every breach of WeChat's draft limits by path ({@code articles[0].title}); empty when WeChat would take it. */
    public static Map<String, String> violations(List<Article> articles) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (articles == null || articles.isEmpty() || articles.size() > MAX_ARTICLES) {
            errors.put("articles", "a draft has 1 to " + MAX_ARTICLES + " articles");
            return errors;
        }
        for (int i = 0; i < articles.size(); i++) {
            violations("articles[" + i + "]", articles.get(i), errors);
        }
        return errors;
    }

    static void violations(String path, Article article, Map<String, String> errors) {
        if (article == null) {
            errors.put(path, "an article is required");
            return;
        }
        text(path + ".title", article.title(), TITLE_CHARS, true, errors);
        text(path + ".author", article.author(), AUTHOR_CHARS, false, errors);
        text(path + ".digest", article.digest(), DIGEST_CHARS, false, errors);
        if (blank(article.content())) {
            errors.put(path + ".content", "required");
        } else {
            externalLink(article.content())
                    .ifPresent(link -> errors.put(
                            path + ".content",
                            "links may only go to WeChat articles (mp.weixin.qq.com), not " + link
                                    + " (WeChat answers 45166); contentSourceUrl may go anywhere"));
        }
        if (blank(article.thumbMediaId())) {
            errors.put(path + ".thumbMediaId", "required: a permanent image's media_id");
        }
    }

    /** The first link of the HTML that leads outside WeChat's articles, if any. */
    static Optional<String> externalLink(String html) {
        Matcher links = LINK.matcher(html);
        while (links.find()) {
            if (!WECHAT_ARTICLE.matcher(links.group(1)).matches()) {
                return Optional.of(links.group(1));
            }
        }
        return Optional.empty();
    }

    /** Adds a draft; answers its media_id. */
    public Mono<String> add(String appId, String accessToken, List<Article> articles) {
        return Mono.fromRunnable(() -> require(violations(articles)))
                .then(Mono.defer(() -> post(
                        appId,
                        accessToken,
                        ADD,
                        Map.of("articles", articles.stream().map(DraftApi::json).toList()))))
                .flatMap(node -> {
                    String mediaId = node.path("media_id").asString("");
                    return mediaId.isEmpty()
                            ? Mono.error(requests.unexpected(appId, ADD, "answer without media_id"))
                            : Mono.just(mediaId);
                });
    }

    public Mono<List<Article>> get(String appId, String accessToken, String mediaId) {
        return post(appId, accessToken, GET, Map.of("media_id", mediaId)).map(node -> articles(node.path("news_item")));
    }

    /** Replaces the article at {@code index} (from 0). */
    public Mono<Void> update(String appId, String accessToken, String mediaId, int index, Article article) {
        return Mono.fromRunnable(() -> {
                    Map<String, String> errors = new LinkedHashMap<>();
                    violations("article", article, errors);
                    require(errors);
                })
                .then(Mono.defer(() -> post(
                        appId,
                        accessToken,
                        UPDATE,
                        Map.of("media_id", mediaId, "index", index, "articles", json(article)))))
                .then();
    }

    public Mono<Void> delete(String appId, String accessToken, String mediaId) {
        return post(appId, accessToken, DELETE, Map.of("media_id", mediaId)).then();
    }

    public Mono<Long> count(String appId, String accessToken) {
        return requests.get(appId, COUNT, Map.of("access_token", accessToken))
                .map(node -> node.path("total_count").asLong(0));
    }

    /** One page of drafts, {@code count} 1 to 20 from {@code offset}; {@code noContent} leaves the HTML out. */
    public Mono<DraftPage> list(String appId, String accessToken, int offset, int count, boolean noContent) {
        return Mono.fromRunnable(() -> {
                    if (offset < 0 || count < 1 || count > MAX_PAGE) {
                        throw new WeChatLimitException(
                                "draft-batchget", "draft/batchget takes offset >= 0 and 1 to " + MAX_PAGE);
                    }
                })
                .then(Mono.defer(() -> post(
                        appId,
                        accessToken,
                        BATCH_GET,
                        Map.of("offset", offset, "count", count, "no_content", noContent ? 1 : 0))))
                .map(node -> {
                    List<DraftPage.Item> items = new ArrayList<>();
                    node.path("item")
                            .forEach(item -> items.add(new DraftPage.Item(
                                    item.path("media_id").asString(""),
                                    articles(item.path("content").path("news_item")),
                                    Instant.ofEpochSecond(
                                            item.path("update_time").asLong(0)))));
                    return new DraftPage(node.path("total_count").asLong(0), items);
                });
    }

    /** Submits a draft for publishing; WeChat answers a publish job, finished later (PUBLISHJOBFINISH). */
    public Mono<Publication> publish(String appId, String accessToken, String mediaId) {
        return post(appId, accessToken, SUBMIT, Map.of("media_id", mediaId)).flatMap(node -> {
            String publishId = node.path("publish_id").asString("");
            return publishId.isEmpty()
                    ? Mono.error(requests.unexpected(appId, SUBMIT, "answer without publish_id"))
                    : Mono.just(new Publication(publishId, Publication.PUBLISHING, null));
        });
    }

    public Mono<Publication> publication(String appId, String accessToken, String publishId) {
        return post(appId, accessToken, STATUS, Map.of("publish_id", publishId)).map(node -> {
            String articleId = node.path("article_id").asString("");
            return new Publication(
                    node.path("publish_id").asString(publishId),
                    node.path("publish_status").asInt(Publication.PUBLISHING),
                    articleId.isEmpty() ? null : articleId);
        });
    }

    /** Deletes a published article ({@code index} from 1; 0 deletes all of its articles). */
    public Mono<Void> deletePublished(String appId, String accessToken, String articleId, int index) {
        return post(appId, accessToken, DELETE_PUBLISHED, Map.of("article_id", articleId, "index", index))
                .then();
    }

    /** Published articles, newest first ({@code count} 1 to 20). */
    public Mono<PublishedArticle.Page> published(
            String appId, String accessToken, int offset, int count, boolean noContent) {
        return Mono.fromRunnable(() -> {
                    if (offset < 0 || count < 1 || count > MAX_PAGE) {
                        throw new WeChatLimitException("published-page", "offset >= 0, count 1 to " + MAX_PAGE);
                    }
                })
                .then(Mono.defer(() -> post(
                        appId,
                        accessToken,
                        PUBLISHED,
                        Map.of("offset", offset, "count", count, "no_content", noContent ? 1 : 0))))
                .map(node -> {
                    List<PublishedArticle> items = new ArrayList<>();
                    node.path("item")
                            .forEach(item -> items.add(new PublishedArticle(
                                    item.path("article_id").asString(""),
                                    publishedItems(item.path("content").path("news_item")),
                                    Instant.ofEpochSecond(
                                            item.path("update_time").asLong(0)))));
                    return new PublishedArticle.Page(node.path("total_count").asLong(0), items);
                });
    }

    /** One published article with its articles' URLs. */
    public Mono<PublishedArticle> publishedArticle(String appId, String accessToken, String articleId) {
        return post(appId, accessToken, PUBLISHED_ARTICLE, Map.of("article_id", articleId))
                .map(node -> new PublishedArticle(articleId, publishedItems(node.path("news_item")), null));
    }

    private static List<PublishedArticle.Item> publishedItems(JsonNode items) {
        List<Article> articles = articles(items);
        List<PublishedArticle.Item> published = new ArrayList<>();
        for (int i = 0; i < articles.size(); i++) {
            JsonNode item = items.get(i);
            published.add(new PublishedArticle.Item(
                    articles.get(i),
                    item.path("url").asString(""),
                    item.path("is_deleted").asBoolean(false)));
        }
        return published;
    }

    private static Map<String, Object> json(Article article) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("title", article.title());
        put(map, "author", article.author());
        put(map, "digest", article.digest());
        map.put("content", article.content());
        put(map, "content_source_url", article.contentSourceUrl());
        map.put("thumb_media_id", article.thumbMediaId());
        map.put("need_open_comment", Boolean.TRUE.equals(article.needOpenComment()) ? 1 : 0);
        map.put("only_fans_can_comment", Boolean.TRUE.equals(article.onlyFansCanComment()) ? 1 : 0);
        return map;
    }

    private static List<Article> articles(JsonNode items) {
        List<Article> articles = new ArrayList<>();
        items.forEach(item -> articles.add(new Article(
                item.path("title").asString(""),
                text(item, "author"),
                text(item, "digest"),
                text(item, "content"),
                text(item, "content_source_url"),
                item.path("thumb_media_id").asString(""),
                item.path("need_open_comment").asInt(0) == 1,
                item.path("only_fans_can_comment").asInt(0) == 1)));
        return articles;
    }

    private static void require(Map<String, String> errors) {
        errors.entrySet().stream().findFirst().ifPresent(first -> {
            throw new WeChatLimitException("draft", first.getKey() + ": " + first.getValue());
        });
    }

    private static void text(String path, String value, int max, boolean required, Map<String, String> errors) {
        if (blank(value)) {
            if (required) {
                errors.put(path, "required");
            }
        } else if (value.codePointCount(0, value.length()) > max) {
            errors.put(path, "at most " + max + " characters");
        }
    }

    private static void put(Map<String, Object> map, String key, String value) {
        if (value != null && !value.isEmpty()) {
            map.put(key, value);
        }
    }

    private static String text(JsonNode node, String field) {
        String value = node.path(field).asString("");
        return value.isEmpty() ? null : value;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private Mono<JsonNode> post(String appId, String accessToken, String path, Map<String, ?> body) {
        return Mono.defer(() -> requests.post(appId, path, Map.of("access_token", accessToken), body));
    }
}
