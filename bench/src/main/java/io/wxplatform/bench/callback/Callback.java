package io.wxplatform.bench.callback;

/**
 * A signed, encrypted callback ready to send: {@code path} includes the query; {@code eventId} is its ce_id (sent as
 * X-Request-Id). The sends benchmark uses it for any pre-built POST.
 */
public record Callback(String path, String body, String eventId) {}
