package io.wxplatform.token.component;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param publicBaseUrl    where account owners' browsers reach token-service's {@code /connect/**} (the gateway);
 *                         the authorization page redirects there
 * @param loginPageBaseUrl WeChat's authorization page host ({@code https://mp.weixin.qq.com}, or the sandbox)
 * @param authType         which accounts the page offers: 1 official accounts, 2 mini programs, 3 both
 * @param ticketStaleAfter a verify ticket older than this raises {@code TICKET_STALE} (WeChat pushes every 10 min)
 * @param watchInterval    how often the ticket age gauge and alert state are recomputed
 * @param consumerGroup    Kafka group and event-ledger name of the {@code wx.component.v1} consumer
 * @param returnWait       how long the browser's return waits for the other arrival to finish the authorization
 */
@ConfigurationProperties("wxplatform.component")
public record ComponentProperties(
        URI publicBaseUrl,
        String loginPageBaseUrl,
        int authType,
        Duration ticketStaleAfter,
        Duration watchInterval,
        String consumerGroup,
        Duration returnWait) {}
