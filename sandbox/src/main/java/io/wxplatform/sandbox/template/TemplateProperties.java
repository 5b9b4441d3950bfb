package io.wxplatform.sandbox.template;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Template messages: how long after a send WeChat pushes its TEMPLATESENDJOBFINISH ({@code finishDelay}), how many
 * templates an account holds ({@code maxTemplates}, WeChat: 25) and how long a {@code client_msg_id} dedupes
 * ({@code clientMsgIdWindow}, WeChat: 10 minutes).
 */
@ConfigurationProperties("sandbox.template")
public record TemplateProperties(Duration finishDelay, int maxTemplates, Duration clientMsgIdWindow) {}
