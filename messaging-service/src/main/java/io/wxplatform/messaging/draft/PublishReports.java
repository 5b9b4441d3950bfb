package io.wxplatform.messaging.draft;

import io.wxplatform.events.InboundEvent;
import io.wxplatform.wechat.protocol.PublishJobFinishEvent;
import java.time.Instant;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * WeChat's PUBLISHJOBFINISH, handed on by the service's inbound handler: the publish job's record gets WeChat's
 * outcome, article id and article URLs ({@link PublicationStore#finished}).
 */
@Component
public class PublishReports {

    private final PublicationStore publications;

    PublishReports(PublicationStore publications) {
        this.publications = publications;
    }

    /** Acts on PUBLISHJOBFINISH only. */
    public Mono<Void> handle(InboundEvent event) {
        if (!(event.message() instanceof PublishJobFinishEvent finished)) {
            return Mono.empty();
        }
        return publications.finished(event.appId(), finished, Instant.ofEpochSecond(event.createTime()));
    }
}
