package io.wxplatform.user.location;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** @param historySize how many of a follower's reported locations are kept, newest last (older ones drop off) */
@ConfigurationProperties("wxplatform.user.location")
record LocationProperties(@DefaultValue("100") int historySize) {

    LocationProperties {
        if (historySize < 1) {
            throw new IllegalArgumentException("wxplatform.user.location.history-size must be at least 1");
        }
    }
}
