package io.wxplatform.messaging.draft;

import io.wxplatform.wechat.api.Article;
import java.util.List;

/** A draft to add: 1 to 8 articles, each with a permanent image as cover. */
record DraftRequest(List<Article> articles) {}
