package io.wxplatform.callback.rules;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the passive auto-reply rules are read from {@code wx.reply-rules.v1}.
 *
 * @param readyTimeout  health stays OUT_OF_SERVICE until the reader caught up with the topic's end offsets at
 *                      start, but at most this long: past it, callbacks are taken (answered {@code success} without
 *                      passive replies) rather than refused while Kafka is away
 * @param retryInterval first wait before reading again after Kafka trouble or while the topic does not exist yet
 *                      (doubling up to ten times as long)
 */
@ConfigurationProperties("wxplatform.callback.rules")
public record RulesProperties(Duration readyTimeout, Duration retryInterval) {}
