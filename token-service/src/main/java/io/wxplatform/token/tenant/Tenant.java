package io.wxplatform.token.tenant;

import java.time.Instant;

public record Tenant(String id, String name, Instant createdAt) {}
