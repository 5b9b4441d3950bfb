package io.wxplatform.callback.rules;

import io.wxplatform.events.EventJson;
import io.wxplatform.events.EventRecords;
import io.wxplatform.events.InvalidEventException;
import io.wxplatform.events.Topics;
import io.wxplatform.events.rules.ReplyRuleSet;
import io.wxplatform.support.kafka.TopicConsumer;
import io.wxplatform.support.kafka.TopicConsumers;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Reads {@code wx.reply-rules.v1} into {@link ReplyRules}: from the beginning at every start and for as long as the
 * service runs. The topic is a compacted table, not a stream of work, so there is no consumer group and nothing is
 * committed: every instance assigns itself all partitions, reads them from the beginning (platform-support's
 * {@link TopicConsumers#table}) and keeps the latest set per account. {@link #caughtUp()} turns true once every
 * record that existed at start (the end offsets read then) was applied, or at once when the topic does not exist
 * yet (it is then looked for again until it does).
 */
public class ReplyRulesReader implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ReplyRulesReader.class);
    private static final String CLIENT_ID = "callback-service-reply-rules";

    private final TopicConsumers consumers;
    private final Map<String, Object> adminConfig;
    private final ReplyRules rules;
    private final RulesProperties properties;
    private volatile boolean caughtUp;
    private volatile boolean running;
    private volatile Disposable starting;
    private volatile TopicConsumer reading;

    public ReplyRulesReader(
            TopicConsumers consumers, Map<String, Object> adminConfig, ReplyRules rules, RulesProperties properties) {
        this.consumers = consumers;
        this.adminConfig = Map.copyOf(adminConfig);
        this.rules = rules;
        this.properties = properties;
    }

    /** True once the rules held are at least as new as the topic was when this instance started. */
    public boolean caughtUp() {
        return caughtUp;
    }

    /** Reads the start offsets (again and again while Kafka is away or the topic missing), then starts reading. */
    @Override
    public synchronized void start() {
        running = true;
        Duration first = properties.retryInterval();
        starting = offsetsAtStart()
                .retryWhen(Retry.backoff(Long.MAX_VALUE, first)
                        .maxBackoff(first.multipliedBy(10))
                        .doBeforeRetry(signal -> log.warn(
                                "Reading the offsets of {} failed, trying again: {}",
                                Topics.REPLY_RULES,
                                signal.failure().toString())))
                .subscribe(this::readFromTheBeginning);
    }

    @Override
    public synchronized void stop() {
        running = false;
        Disposable current = starting;
        if (current != null) {
            current.dispose();
        }
        TopicConsumer consumer = reading;
        if (consumer != null) {
            consumer.stop();
        }
        reading = null;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private synchronized void readFromTheBeginning(Map<TopicPartition, StartOffsets.Range> offsets) {
        if (!running) {
            return;
        }
        CatchUp catchUp = new CatchUp(offsets);
        markIf(catchUp.done());
        reading = consumers.table(
                offsets.keySet(),
                CLIENT_ID,
                record -> Mono.fromRunnable(() -> {
                    apply(record);
                    markIf(catchUp.passed(record));
                }));
        reading.start();
    }

    private void markIf(boolean done) {
        if (done && !caughtUp) {
            caughtUp = true;
            log.info("Reply rules caught up with {}: {} account(s) with rules", Topics.REPLY_RULES, rules.accounts());
        }
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        String appId = record.key();
        if (appId == null) {
            return;
        }
        if (record.value() == null) {
            // A tombstone has no body: its version travels in the event id.
            OptionalLong version = EventRecords.replyRulesVersion(record.headers());
            if (version.isEmpty()) {
                rules.clear(appId);
            } else if (!rules.clear(appId, version.getAsLong())) {
                log.debug("Ignored an older tombstone of {} (version {})", appId, version.getAsLong());
            }
            return;
        }
        try {
            ReplyRuleSet set = EventJson.read(record.value(), ReplyRuleSet.class);
            if (!appId.equals(set.appId())) {
                log.warn("Skipping rules at offset {}: keyed {} but for {}", record.offset(), appId, set.appId());
            } else if (!rules.update(set)) {
                log.debug("Ignored older rules of {} (version {})", appId, set.version());
            }
        } catch (InvalidEventException | IllegalArgumentException | NullPointerException unreadable) {
            // Keep what is held: a set that cannot be read must not silently clear an account's replies.
            log.warn(
                    "Skipping unreadable rules of {} at offset {}: {}",
                    appId,
                    record.offset(),
                    unreadable.getMessage());
        }
    }

    /**
     * Every partition with its earliest and end offsets now. A topic that does not exist yet (messaging-service
     * declares it) holds no rules: caught up, and tried again later.
     */
    private Mono<Map<TopicPartition, StartOffsets.Range>> offsetsAtStart() {
        return StartOffsets.of(adminConfig, Topics.REPLY_RULES)
                .onErrorResume(UnknownTopicOrPartitionException.class, missing -> {
                    markIf(true);
                    return Mono.error(new IllegalStateException(Topics.REPLY_RULES + " does not exist yet"));
                });
    }

    /** Which partitions still have records older than the start to apply. */
    private static final class CatchUp {

        private final Map<TopicPartition, Long> pending;

        CatchUp(Map<TopicPartition, StartOffsets.Range> offsets) {
            this.pending = new ConcurrentHashMap<>();
            offsets.forEach((tp, range) -> {
                if (!range.empty()) {
                    pending.put(tp, range.end());
                }
            });
        }

        boolean done() {
            return pending.isEmpty();
        }

        /** The record's partition is caught up once the last record that existed at start was applied. */
        boolean passed(ConsumerRecord<String, byte[]> record) {
            TopicPartition tp = new TopicPartition(record.topic(), record.partition());
            pending.computeIfPresent(tp, (partition, end) -> record.offset() >= end - 1 ? null : end);
            return pending.isEmpty();
        }
    }
}
