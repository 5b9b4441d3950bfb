package io.wxplatform.wechat.protocol;

import java.util.ArrayList;
import java.util.List;

/**
 * A publish job ({@code freepublish/submit}) finished: {@code publishStatus} 0 published (with {@code articleId}),
 * 2 originality check failed, 3 failed, 4 refused by review, 5 deleted, 6 banned; {@link #articles()} reads the
 * published articles' URLs ({@code article_detail}) and {@link #failedIndexes()} the articles that failed
 * ({@code fail_idx}, one element per index) from the fields.
 */
public record PublishJobFinishEvent(Header header, String publishId, int publishStatus, String articleId)
        implements WxEvent {

    static PublishJobFinishEvent from(Header h) {
        var f = h.fields();
        return new PublishJobFinishEvent(
                h,
                Fields.required(f, "PublishEventInfo.publish_id").trim(),
                Fields.intValue(f, "PublishEventInfo.publish_status"),
                f.get("PublishEventInfo.article_id"));
    }

    public boolean published() {
        return publishStatus == 0;
    }

    /** A published article of the job: its position (from 1) and its URL. */
    public record ArticleUrl(int index, String url) {}

    public List<ArticleUrl> articles() {
        List<ArticleUrl> articles = new ArrayList<>();
        String prefix = "PublishEventInfo.article_detail.item";
        for (int i = 0; fields().containsKey(prefix + "[" + i + "].article_url"); i++) {
            String idx = fields().get(prefix + "[" + i + "].idx");
            articles.add(new ArticleUrl(
                    idx == null || idx.isBlank() ? i + 1 : Integer.parseInt(idx.trim()),
                    fields().get(prefix + "[" + i + "].article_url")));
        }
        return articles;
    }

    public List<Integer> failedIndexes() {
        List<Integer> failed = new ArrayList<>();
        String single = fields().get("PublishEventInfo.fail_idx");
        if (single != null && !single.isBlank()) {
            failed.add(Integer.parseInt(single.trim()));
        }
        for (int i = 0; fields().containsKey("PublishEventInfo.fail_idx[" + i + "]"); i++) {
            failed.add(Integer.parseInt(
                    fields().get("PublishEventInfo.fail_idx[" + i + "]").trim()));
        }
        return failed;
    }
}
