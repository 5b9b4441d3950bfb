package io.wxplatform.gateway.callbacks;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code wxplatform.gateway.callbacks.*}: the callback pass-through's limits (its timeouts are
 * {@code wxplatform.gateway.timeouts.callback-service.*}, its target {@code wxplatform.callback-service.url}).
 *
 * @param maxBodySize   larger bodies are refused 413, declared or while streaming (callback-service's own limit)
 * @param maxConnections pooled connections to callback-service per gateway replica
 * @param maxIdleTime   a pooled connection idle this long is closed
 * @param downPause     after a failed connection, callbacks are answered 503 at once for this long
 */
@ConfigurationProperties("wxplatform.gateway.callbacks")
record CallbackPassThroughProperties(
        @DefaultValue("64KB") DataSize maxBodySize,
        @DefaultValue("1000") int maxConnections,
        @DefaultValue("30s") Duration maxIdleTime,
        @DefaultValue("500ms") Duration downPause) {}
