package io.wxplatform.messaging.mass;

import java.time.Duration;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Mass sends ({@code wxplatform.messaging.mass.*}): openids per {@code message/mass/send} batch ({@code batchSize},
 * WeChat: at most 10,000), openids per job ({@code maxOpenIds}), the quota of each account type ({@code subscription},
 * {@code service}) counted in {@code quotaZone}'s days and months, and how long a job may stay half-stored before
 * {@link ResumeMassJobs} finishes storing its batches ({@code prepareAfter}).
 */
@ConfigurationProperties("wxplatform.messaging.mass")
public record MassProperties(
        int batchSize,
        int maxOpenIds,
        MassQuota.Rule subscription,
        MassQuota.Rule service,
        ZoneId quotaZone,
        Duration prepareAfter,
        Duration resumeInterval) {}
