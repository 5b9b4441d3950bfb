package io.wxplatform.token.credential;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param refreshMargin a stored token this close to expiry is replaced; keep it under the 5 minutes in which
 *                      stable_token's normal mode hands out a new token, or it would return the same one again
 * @param lease         how long one replica may hold the right to refresh a credential before others may take over
 * @param refreshWait   how long a report of an invalid token waits for another replica's refresh to land
 */
@ConfigurationProperties("wxplatform.credentials")
record CredentialProperties(Duration refreshMargin, Duration lease, Duration refreshWait) {
}
