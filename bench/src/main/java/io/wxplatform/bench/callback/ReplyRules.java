package io.wxplatform.bench.callback;

import io.wxplatform.events.EventRecords;
import io.wxplatform.events.rules.Reply;
import io.wxplatform.events.rules.ReplyRule;
import io.wxplatform.events.rules.ReplyRuleSet;
import io.wxplatform.events.rules.Trigger;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The one keyword rule every endpoint of the benchmark answers with: published on {@code wx.reply-rules.v1} for
 * callback-service as messaging-service would, and written into the WxJava peer's router.
 */
public final class ReplyRules {

    /** What every benchmark callback says. */
    public static final String KEYWORD = "hello";
    /** The passive text reply to it. */
    public static final String REPLY = "Hello from the benchmark";

    private ReplyRules() {}

    static void publish(String bootstrapServers, String tenantId, List<Account> accounts) {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class.getName(),
                ProducerConfig.ACKS_CONFIG,
                "all");
        Instant now = Instant.now();
        try (var producer = new KafkaProducer<String, byte[]>(config)) {
            for (Account account : accounts) {
                ReplyRule rule = new ReplyRule(
                        "bench-hello",
                        tenantId,
                        account.appId(),
                        0,
                        true,
                        new Trigger.KeywordExact(KEYWORD),
                        new Reply.Text(REPLY),
                        now);
                producer.send(EventRecords.replyRules(
                                tenantId, new ReplyRuleSet(account.appId(), List.of(rule), 1), now))
                        .get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not publish the reply rules", e.getCause());
        }
    }
}
