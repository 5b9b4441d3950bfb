package io.wxplatform.token.account;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param eventTimeout  how long a registration waits for Kafka's acknowledgement of its notice before answering
 * @param relayInterval how often notices that Kafka did not acknowledge are sent again
 * @param attentionWatchInterval how often the gauge of accounts in attention states is recomputed
 */
@ConfigurationProperties("wxplatform.accounts")
record AccountProperties(Duration eventTimeout, Duration relayInterval, Duration attentionWatchInterval) {}
