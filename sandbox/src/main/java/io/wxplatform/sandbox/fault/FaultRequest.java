package io.wxplatform.sandbox.fault;

/** Body of {@code POST /sandbox/faults}. */
record FaultRequest(String api, Fault.Kind kind, Long latencyMs, Integer count) {}
