package io.wxplatform.support.app;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A minimal service that uses platform-support the way the real services do: by having it on the classpath. */
@SpringBootApplication
public class SupportTestApplication {}
