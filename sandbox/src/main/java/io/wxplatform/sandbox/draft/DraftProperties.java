package io.wxplatform.sandbox.draft;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Publishing: how long after {@code freepublish/submit} WeChat pushes the job's PUBLISHJOBFINISH. */
@ConfigurationProperties("sandbox.draft")
public record DraftProperties(Duration publishDelay) {}
