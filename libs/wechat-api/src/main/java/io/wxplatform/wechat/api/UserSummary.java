package io.wxplatform.wechat.api;

import java.time.LocalDate;

/**
 * One row of {@code datacube/getusersummary}: a day's new and lost followers through one channel.
 *
 * @param userSource WeChat's channel number (0 other, 1 search, 17 business card, 30 QR code, 57 article, 100
 *                   advertisements, 161 reposts, 149 mini program, 200 Channels, 201 live streams, …)
 */
public record UserSummary(LocalDate day, int userSource, long newUsers, long cancelUsers) {}
