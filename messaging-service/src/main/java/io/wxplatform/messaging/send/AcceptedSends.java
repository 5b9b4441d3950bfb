package io.wxplatform.messaging.send;

import java.time.Clock;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.bson.Document;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * How every kind of single send is accepted (customer-service messages, template messages, subscription
 * notifications): stored {@code ACCEPTED} under its Idempotency-Key's id, then handed to the {@link Dispatcher} in the
 * caller's trace; or, when that key made a send already, that send (the request compared with the first one).
 */
@Component
public class AcceptedSends {

    private final OutboundMessages outbound;
    private final Dispatcher dispatcher;
    private final Clock clock;

    AcceptedSends(OutboundMessages outbound, Dispatcher dispatcher, Clock clock) {
        this.outbound = outbound;
        this.dispatcher = dispatcher;
        this.clock = clock;
    }

    /** The stored send, and whether it is an earlier one this Idempotency-Key made. */
    public record Accepted(OutboundMessage message, boolean repeat) {}

    /**
     * A new send's own fields: its follower, type and list preview, the request its attempts send ({@code
     * requestJson}) and any field its kind needs ({@code extra}, e.g. the template id).
     */
    public record NewSend(
            String openId, String msgType, String content, String requestJson, Map<String, Object> extra) {}

    /**
     * The send {@code key} made already, else the one {@code fresh} describes, stored once {@code beforeStore}
     * completed (a window taken, a consent checked). {@code askedJson}: the request as the tenant sent it, what a
     * repeat is compared with.
     */
    public Mono<Accepted> once(
            String tenantId,
            String appId,
            String key,
            String askedJson,
            Mono<Void> beforeStore,
            Supplier<NewSend> fresh) {
        String id = Idempotency.sendId(tenantId, appId, key);
        // Without a key the id is new: no earlier send to look up (one read less per send).
        Mono<Document> earlier = key == null ? Mono.empty() : outbound.byId(id);
        return earlier.map(existing -> repeat(existing, askedJson))
                .switchIfEmpty(Mono.defer(
                        () -> beforeStore.then(Mono.defer(() -> store(tenantId, appId, id, key, askedJson, fresh)))));
    }

    private Mono<Accepted> store(
            String tenantId, String appId, String id, String key, String askedJson, Supplier<NewSend> fresh) {
        NewSend request = fresh.get();
        Document send = new Document("_id", id)
                .append("tenantId", tenantId)
                .append("appId", appId)
                .append("openId", request.openId())
                .append("msgType", request.msgType());
        send.putAll(request.extra());
        send.append("content", OutboundMessage.preview(request.content()))
                .append("request", request.requestJson())
                .append("requestHash", Idempotency.hash(askedJson))
                .append("status", OutboundStatus.ACCEPTED.name());
        // Stored claimed when it can go at once (the attempt then needs no claim of its own), else unclaimed.
        Optional<Dispatcher.Lease> lease = dispatcher.leaseNow(appId);
        lease.ifPresentOrElse(
                held -> send.append("attempts", 1)
                        .append("leaseId", held.id())
                        .append("leaseUntil", Date.from(held.until())),
                () -> send.append("attempts", 0).append("leaseUntil", OutboundMessages.UNCLAIMED));
        send.append("createdAt", Date.from(clock.instant()));
        if (key != null) {
            send.append("idempotencyKey", key);
        }
        return outbound.insert(send)
                .flatMap(inserted -> inserted
                        ? Mono.deferContextual(context -> {
                            // The attempt runs on its own, in the trace of the request or event that asked for it.
                            lease.ifPresentOrElse(
                                    held -> dispatcher.startLeased(send, held, context),
                                    () -> dispatcher.start(id, appId, context));
                            return Mono.just(new Accepted(OutboundMessage.fromDocument(send), false));
                        })
                        // The same key raced in meanwhile: answer with the send it stored.
                        : outbound.byId(id).map(existing -> repeat(existing, askedJson)));
    }

    private static Accepted repeat(Document existing, String askedJson) {
        return new Accepted(Idempotency.repeat(existing, askedJson), true);
    }
}
