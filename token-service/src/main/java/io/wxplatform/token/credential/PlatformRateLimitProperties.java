package io.wxplatform.token.credential;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param platformRateLimit scheduled WeChat token calls per second of all replicas together (a MongoDB counter per
 *                          second, {@link PlatformRateLimit})
 */
@ConfigurationProperties("wxplatform.credentials")
record PlatformRateLimitProperties(int platformRateLimit) {}
