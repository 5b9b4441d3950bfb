package io.wxplatform.messaging.draft;

import io.wxplatform.wechat.api.Article;
import java.util.List;

/** A draft as WeChat holds it: its media_id (what mass sends of articles take) and articles. */
record DraftView(String mediaId, List<Article> articles) {}
