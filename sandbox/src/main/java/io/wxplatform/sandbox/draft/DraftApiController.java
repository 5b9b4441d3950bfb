package io.wxplatform.sandbox.draft;

import io.wxplatform.sandbox.account.Account;
import io.wxplatform.sandbox.account.AccountRegistry;
import io.wxplatform.sandbox.apicall.ApiCallLog;
import io.wxplatform.sandbox.callback.CallbackDelivery;
import io.wxplatform.sandbox.follower.FinishEventXml;
import io.wxplatform.sandbox.media.MediaStore;
import io.wxplatform.sandbox.token.TokenStore;
import io.wxplatform.sandbox.web.WeChatError;
import io.wxplatform.sandbox.web.WeChatJson;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code /cgi-bin/draft/…} and {@code /cgi-bin/freepublish/…}: drafts whose covers must be the account's permanent
 * images (40007 for a temporary or unknown media_id), and publish jobs that finish asynchronously: {@code
 * sandbox.draft.publish-delay} after submission the job is published and PUBLISHJOBFINISH pushed to the account's
 * callback URL, as WeChat does (or {@link DraftStore#PUBLISH_TIME} later in sandbox time, read with {@code
 * freepublish/get}). Published articles are listed ({@code batchget}), read ({@code getarticle}) and deleted. Verified
 * accounts only (48001).
 */
@RestController
class DraftApiController {

    private static final Logger log = LoggerFactory.getLogger(DraftApiController.class);

    /** Who WeChat names as the sender of a PUBLISHJOBFINISH (the operator who published; the sandbox has one). */
    static final String PUBLISHER = "o-sandbox-publisher";

    static final WeChatError TITLE_SIZE = new WeChatError(45003, "title size out of limit");
    static final WeChatError DIGEST_SIZE = new WeChatError(45004, "description size out of limit");
    static final WeChatError AUTHOR_SIZE = new WeChatError(45110, "author size out of limit");
    static final WeChatError ARTICLE_SIZE = new WeChatError(45008, "article size out of limit");
    static final WeChatError INVALID_PUBLISH_ID = new WeChatError(53600, "invalid publish_id");
    static final WeChatError NEWS_UNSUPPORTED = new WeChatError(45103, "This API has been unsupported");
    static final WeChatError INVALID_CONTENT = new WeChatError(45166, "invalid content");

    /** A link in article HTML; WeChat takes links to its own articles only. */
    private static final Pattern LINK =
            Pattern.compile("<a\\b[^>]*\\bhref\\s*=\\s*[\"']?([^\"'\\s>]+)", Pattern.CASE_INSENSITIVE);

    private final TokenStore tokens;
    private final AccountRegistry accounts;
    private final DraftStore drafts;
    private final MediaStore media;
    private final ApiCallLog calls;
    private final WeChatJson json;
    private final Clock clock;
    private final CallbackDelivery delivery;
    private final DraftProperties props;

    DraftApiController(
            TokenStore tokens,
            AccountRegistry accounts,
            DraftStore drafts,
            MediaStore media,
            ApiCallLog calls,
            WeChatJson json,
            Clock clock,
            CallbackDelivery delivery,
            DraftProperties props) {
        this.delivery = delivery;
        this.props = props;
        this.tokens = tokens;
        this.accounts = accounts;
        this.drafts = drafts;
        this.media = media;
        this.calls = calls;
        this.json = json;
        this.clock = clock;
    }

    @PostMapping("/cgi-bin/draft/add")
    Map<String, Object> add(
            @RequestParam(name = "access_token", required = false) String accessToken,
            @RequestBody(required = false) String body) {
        return call(accessToken, body, "draft/add", (account, request) -> {
            if (!(request.get("articles") instanceof List<?> list) || list.isEmpty() || list.size() > 8) {
                throw ARTICLE_SIZE.toException();
            }
            List<Map<String, Object>> articles = new ArrayList<>();
            for (Object item : list) {
                articles.add(article(account, item));
            }
            return Map.of(
                    "media_id",
                    drafts.put(account.appId(), DraftStore.newMediaId(), articles, clock.instant())
                            .mediaId());
        });
    }

    /** The news-material API drafts replaced: switched off at WeChat. */
    @PostMapping({"/cgi-bin/material/add_news", "/cgi-bin/material/update_news"})
    WeChatError newsMaterial(
            @RequestParam(name = "access_token", required = false) String accessToken,
            @RequestBody(required = false) String body) {
        return call(accessToken, body, "material/news", (account, request) -> {
            throw NEWS_UNSUPPORTED.toException();
        });
    }

    @PostMapping("/cgi-bin/draft/get")
    Map<String, Object> get(
            @RequestParam(name = "access_token", required = false) String accessToken,
            @RequestBody(required = false) String body) {
        return call(
                accessToken,
                body,
                "draft/get",
                (account, request) ->
                        Map.of("news_item", draft(account, request).articles()));
    }

    @PostMapping("/cgi-bin/draft/update")
    WeChatError update(
            @RequestParam(name = "access_token", required = false) String accessToken,
            @RequestBody(required = false) String body) {
        return call(accessToken, body, "draft/update", (account, request) -> {
            DraftStore.Draft draft = draft(account, request);
            int index = number(request.get("index"));
            if (index < 0 || index >= draft.articles().size()) {
                throw WeChatError.INVALID_ARGS.toException();
            }
            List<Map<String, Object>> articles = new ArrayList<>(draft.articles());
            articles.set(index, article(account, request.get("articles")));
            drafts.put(account.appId(), draft.mediaId(), articles, clock.instant());
            return WeChatError.OK;
        });
    }

    @PostMapping("/cgi-bin/draft/delete")
    WeChatError delete(
            @RequestParam(name = "access_token", required = false) String accessToken,
            @RequestBody(required = false) String body) {
        return call(accessToken, body, "draft/delete", (account, request) -> {
            if (!drafts.delete(account.appId(), WeChatJson.text(request, "media_id"))) {
                throw WeChatError.INVALID_MEDIA_ID.toException();
            }
            return WeChatError.OK;
        });
    }

    @GetMapping("/cgi-bin/draft/count")
    Map<String, Object> count(@RequestParam(name = "access_token", required = false) String accessToken) {
        return call(
                accessToken,
                "{}",
                "draft/count",
                (account, request) ->
                        Map.of("total_count", drafts.all(account.appId()).size()));
    }

    @PostMapping("/cgi-bin/draft/batchget")
    Map<String, Object> list(
            @RequestParam(name = "access_token", required = false) String accessToken,
            @RequestBody(required = false) String body) {
        return call(accessToken, body, "draft/batchget", (account, request) -> {
            int offset = number(request.get("offset"));
            int count = number(request.get("count"));
            if (offset < 0 || count < 1 || count > 20) {
                throw WeChatError.INVALID_ARGS.toException();
            }
            boolean noContent = number(request.getOrDefault("no_content", 0)) == 1;
            List<DraftStore.Draft> all = drafts.all(account.appId());
            List<Map<String, Object>> items = new ArrayList<>();
            for (DraftStore.Draft draft :
                    all.subList(Math.min(offset, all.size()), Math.min(offset + count, all.size()))) {
                List<Map<String, Object>> articles = draft.articles().stream()
                        .map(article -> {
                            Map<String, Object> shown = new LinkedHashMap<>(article);
                            if (noContent) {
                                shown.remove("content");
                            }
                            return (Map<String, Object>) shown;
                        })
                        .toList();
                items.add(Map.of(
                        "media_id",
                        draft.mediaId(),
                        "content",
                        Map.of("news_item", articles),
                        "update_time",
                        draft.updatedAt().getEpochSecond()));
            }
            return Map.of("total_count", all.size(), "item_count", items.size(), "item", items);
        });
    }

    @PostMapping("/cgi-bin/freepublish/submit")
    Map<String, Object> submit(
            @RequestParam(name = "access_token", required = false) String accessToken,
            @RequestBody(required = false) String body) {
        return call(accessToken, body, "freepublish/submit", (account, request) -> {
            DraftStore.Draft draft = draft(account, request);
            DraftStore.Job job = drafts.submit(draft, clock.instant());
            pushFinish(account, job);
            return Map.of("errcode", 0, "errmsg", "ok", "publish_id", job.publishId(), "msg_data_id", job.publishId());
        });
    }

    @PostMapping("/cgi-bin/freepublish/get")
    Map<String, Object> status(
            @RequestParam(name = "access_token", required = false) String accessToken,
            @RequestBody(required = false) String body) {
        return call(accessToken, body, "freepublish/get", (account, request) -> {
            DraftStore.Job job = drafts.job(account.appId(), WeChatJson.text(request, "publish_id"))
                    .orElseThrow(INVALID_PUBLISH_ID::toException);
            boolean published = drafts.published(job, clock.instant());
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("publish_id", job.publishId());
            answer.put("publish_status", drafts.deleted(job.publishId()) ? 5 : published ? 0 : 1);
            if (published) {
                answer.put("article_id", job.articleId());
            }
            return answer;
        });
    }

    @PostMapping("/cgi-bin/freepublish/batchget")
    Map<String, Object> published(
            @RequestParam(name = "access_token", required = false) String accessToken,
            @RequestBody(required = false) String body) {
        return call(accessToken, body, "freepublish/batchget", (account, request) -> {
            int offset = number(request.get("offset"));
            int count = number(request.get("count"));
            if (offset < 0 || count < 1 || count > 20) {
                throw WeChatError.INVALID_ARGS.toException();
            }
            boolean noContent = number(request.getOrDefault("no_content", 0)) == 1;
            List<DraftStore.Job> all = drafts.published(account.appId(), clock.instant());
            List<Map<String, Object>> items = new ArrayList<>();
            for (DraftStore.Job job : all.subList(Math.min(offset, all.size()), Math.min(offset + count, all.size()))) {
                items.add(Map.of(
                        "article_id",
                        job.articleId(),
                        "content",
                        Map.of("news_item", publishedItems(job, noContent)),
                        "update_time",
                        job.submittedAt().getEpochSecond()));
            }
            return Map.of("total_count", all.size(), "item_count", items.size(), "item", items);
        });
    }

    @PostMapping("/cgi-bin/freepublish/getarticle")
    Map<String, Object> publishedArticle(
            @RequestParam(name = "access_token", required = false) String accessToken,
            @RequestBody(required = false) String body) {
        return call(accessToken, body, "freepublish/getarticle", (account, request) -> {
            DraftStore.Job job = drafts.publishedArticle(
                            account.appId(), WeChatJson.text(request, "article_id"), clock.instant())
                    .orElseThrow(WeChatError.INVALID_MEDIA_ID::toException);
            return Map.of("news_item", publishedItems(job, false));
        });
    }

    @PostMapping("/cgi-bin/freepublish/delete")
    WeChatError deletePublished(
            @RequestParam(name = "access_token", required = false) String accessToken,
            @RequestBody(required = false) String body) {
        return call(accessToken, body, "freepublish/delete", (account, request) -> {
            String articleId = WeChatJson.text(request, "article_id");
            if (articleId == null || !drafts.deletePublished(account.appId(), articleId, clock.instant())) {
                throw WeChatError.INVALID_MEDIA_ID.toException();
            }
            return WeChatError.OK;
        });
    }

    private List<Map<String, Object>> publishedItems(DraftStore.Job job, boolean noContent) {
        boolean deleted = drafts.deleted(job.publishId());
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < job.articles().size(); i++) {
            Map<String, Object> item = new LinkedHashMap<>(job.articles().get(i));
            if (noContent) {
                item.remove("content");
            }
            item.put("url", job.url(i + 1));
            item.put("is_deleted", deleted);
            items.add(item);
        }
        return items;
    }

    /** WeChat publishes on its own and then tells the account: so does the sandbox, after the answer went out. */
    private void pushFinish(Account account, DraftStore.Job job) {
        Mono.delay(props.publishDelay())
                .then(Mono.defer(() -> {
                    drafts.finish(job);
                    List<String> urls = new ArrayList<>();
                    for (int i = 1; i <= job.articles().size(); i++) {
                        urls.add(job.url(i));
                    }
                    return delivery.deliver(
                            account,
                            PUBLISHER,
                            "event:PUBLISHJOBFINISH",
                            FinishEventXml.publishJobFinish(
                                    account.originalId(),
                                    PUBLISHER,
                                    clock.instant().getEpochSecond(),
                                    job.publishId(),
                                    job.articleId(),
                                    urls));
                }))
                .subscribe(
                        done -> {},
                        error -> log.warn(
                                "PUBLISHJOBFINISH of {} not delivered: {}", job.publishId(), error.toString()));
    }

    /** The article as stored, after WeChat's checks: title, author, digest lengths and a permanent cover. */
    private Map<String, Object> article(Account account, Object value) {
        if (!(value instanceof Map<?, ?> raw)) {
            throw WeChatError.DATA_FORMAT.toException();
        }
        Map<String, Object> article = new LinkedHashMap<>();
        raw.forEach((key, item) -> article.put(String.valueOf(key), item));
        String title = WeChatJson.text(article, "title");
        if (WeChatJson.isBlank(title) || title.codePointCount(0, title.length()) > 32) {
            throw TITLE_SIZE.toException();
        }
        length(article, "author", 16, AUTHOR_SIZE);
        length(article, "digest", 128, DIGEST_SIZE);
        String content = WeChatJson.text(article, "content");
        if (WeChatJson.isBlank(content)) {
            throw WeChatError.EMPTY_CONTENT.toException();
        }
        Matcher links = LINK.matcher(content);
        while (links.find()) {
            if (!links.group(1).matches("^https?://mp\\.weixin\\.qq\\.com(/.*)?$")) {
                throw INVALID_CONTENT.toException();
            }
        }
        media.find(account.appId(), WeChatJson.text(article, "thumb_media_id"), clock.instant())
                .filter(MediaStore.Stored::permanent)
                .orElseThrow(WeChatError.INVALID_MEDIA_ID::toException);
        return article;
    }

    private static void length(Map<String, Object> article, String field, int max, WeChatError error) {
        String value = WeChatJson.text(article, field);
        if (value != null && value.codePointCount(0, value.length()) > max) {
            throw error.toException();
        }
    }

    private DraftStore.Draft draft(Account account, Map<String, Object> request) {
        return drafts.find(account.appId(), WeChatJson.text(request, "media_id"))
                .orElseThrow(WeChatError.INVALID_MEDIA_ID::toException);
    }

    private static int number(Object value) {
        if (value instanceof Number number) {
            return number.intValue();
        }
        try {
            return Integer.parseInt(String.valueOf(value));
        } catch (NumberFormatException e) {
            throw WeChatError.INVALID_ARGS.toException();
        }
    }

    private <T> T call(String accessToken, String body, String api, BiFunction<Account, Map<String, Object>, T> work) {
        Account account =
                accounts.find(tokens.appIdOf(accessToken)).orElseThrow(WeChatError.INVALID_CREDENTIAL::toException);
        return calls.record(account.appId(), api, () -> {
            if (!account.verified()) {
                throw WeChatError.API_UNAUTHORIZED.toException();
            }
            return work.apply(account, json.object(body));
        });
    }
}
