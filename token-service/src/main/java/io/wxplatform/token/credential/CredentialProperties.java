package io.wxplatform.token.credential;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param refreshMargin the scheduler replaces a token this long before it expires; keep it under the 5 minutes in
 *                      which stable_token's normal mode hands out a new token, or it would return the same one
 * @param refreshJitter up to this much earlier still, at random, so tokens issued together spread out
 * @param serveMargin   a stored token with less than this left is not handed out but replaced on the spot (the
 *                      scheduler is late); smaller than {@code refreshMargin}
 * @param lease         how long one replica may hold the right to refresh a credential before others may take over
 * @param refreshWait   how long a report of an invalid token waits for another replica's refresh to land
 * @param scanInterval  how often each replica looks for due credentials
 * @param concurrency   refreshes one replica runs at once
 * @param claimBatch    due credentials one replica asks MongoDB for at a time (it claims them one by one)
 * @param ratePerSecond WeChat token calls one replica makes per second at most, whatever is due
 * @param backoffBase   first retry delay after a failed refresh; doubles with each failure in a row ...
 * @param backoffMax    ... up to this
 */
@ConfigurationProperties("wxplatform.credentials")
record CredentialProperties(
        Duration refreshMargin,
        Duration refreshJitter,
        Duration serveMargin,
        Duration lease,
        Duration refreshWait,
        Duration scanInterval,
        int concurrency,
        int claimBatch,
        int ratePerSecond,
        Duration backoffBase,
        Duration backoffMax) {}
