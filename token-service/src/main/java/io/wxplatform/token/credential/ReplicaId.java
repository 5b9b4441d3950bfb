package io.wxplatform.token.credential;

/** This replica's name in credential leases: unique per process, so a restarted replica never reuses a lease. */
record ReplicaId(String value) {}
