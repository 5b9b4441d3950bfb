package io.wxplatform.messaging.send;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;

@ConfigurationProperties("wxplatform.token-service")
public record TokenServiceProperties(URI url) {
}
