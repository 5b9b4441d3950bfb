package io.wxplatform.testkit;

/** Where the test infrastructure runs. */
public enum Mode {
    /** In-process KRaft broker and mongo-java-server: no Docker needed. */
    EMBEDDED,
    /** Testcontainers: apache/kafka and mongo images on a Docker engine. */
    CONTAINERS
}
