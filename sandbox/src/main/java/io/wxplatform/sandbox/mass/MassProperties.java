package io.wxplatform.sandbox.mass;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Mass sends: how long after a send WeChat pushes MASSSENDJOBFINISH ({@code finishDelay}), mass-send API calls per
 * account and China day ({@code dailyCalls}, WeChat: 100 for a new account, 45009 beyond), how many mass messages a
 * service account's follower receives a month ({@code perFollowerMonthly}, WeChat: 4; the others are filtered out),
 * and how long a {@code clientmsgid} dedupes ({@code clientMsgIdWindow}, WeChat: 24 h; 45066 within {@code
 * retryWindow} of the first, 45065 after).
 */
@ConfigurationProperties("sandbox.mass")
public record MassProperties(
        Duration finishDelay,
        int dailyCalls,
        int perFollowerMonthly,
        Duration clientMsgIdWindow,
        Duration retryWindow) {}
