package io.wxplatform.bench.callback;

/** A signed, encrypted callback ready to send: {@code path} includes the query; {@code eventId} is its ce_id. */
record Callback(String path, String body, String eventId) {}
