package io.wxplatform.support.kafka;

import io.micrometer.observation.ObservationRegistry;
import io.wxplatform.support.tracing.Tracing;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.listener.BatchAcknowledgingMessageListener;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.kafka.support.micrometer.KafkaListenerObservation;
import org.springframework.kafka.support.micrometer.KafkaRecordReceiverContext;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * One spring-kafka listener container feeding a reactive {@link RecordHandler}; built by {@link TopicConsumers}.
 * <p>
 * The container thread hands each poll's records over at once: partitions run concurrently, the records of one
 * partition one after the other in offset order. The thread waits until every record of the poll was handled,
 * dead-lettered or skipped (it is a Kafka poll thread, not an event loop) and only then acknowledges the poll, so an
 * offset is committed only after its record was dealt with (at-least-once: a crash redelivers, the handler must be
 * idempotent). When a record has to be delivered again ({@link Failures.Afterwards#REDELIVER}, or its dead letter
 * could not be written), the records before it are committed and the poll is delivered again from it after a pause.
 * A poll that takes longer than half of {@code max.poll.interval.ms} (so that the consumer keeps its partitions) is
 * cut short the same way: what was not finished is delivered again.
 * <p>
 * Started and stopped with the Spring context when it is a bean (or by hand: {@link #start()}, {@link #close()}).
 * Stopping cancels the work in flight without committing it, so it is delivered again after the next start.
 * <p>
 * With tracing on ({@link TopicConsumers} given an {@link ObservationRegistry}), each record is handled inside a
 * consumer span that continues the trace of the record's {@code traceparent} header; the handler's pipeline carries
 * it in its Reactor context, so its HTTP calls and Kafka sends join the same trace.
 */
public final class TopicConsumer implements SmartLifecycle, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TopicConsumer.class);

    private final String name;
    private final RecordHandler handler;
    private final Failures failures;
    private final DeadLetters deadLetters;
    private final boolean commits;
    private final Duration pollBudget;
    private final ObservationRegistry observations;
    private final KafkaMessageListenerContainer<String, byte[]> container;
    private final Set<TopicPartition> assigned = ConcurrentHashMap.newKeySet();
    private volatile boolean stopping;
    private volatile Runnable cancelPoll = () -> {};

    TopicConsumer(
            String name,
            RecordHandler handler,
            Failures failures,
            DeadLetters deadLetters,
            boolean commits,
            Duration pollBudget,
            ObservationRegistry observations,
            ContainerFactory containers) {
        this.name = name;
        this.observations = observations;
        this.handler = handler;
        this.failures = failures;
        this.deadLetters = deadLetters;
        this.commits = commits;
        this.pollBudget = pollBudget;
        this.container = containers.create(new PollListener(), new Assignments());
    }

    /** Builds the container from the listener and the rebalance listener of this consumer. */
    @FunctionalInterface
    interface ContainerFactory {
        KafkaMessageListenerContainer<String, byte[]> create(
                BatchAcknowledgingMessageListener<String, byte[]> listener, ConsumerAwareRebalanceListener rebalance);
    }

    /**
     * True while partitions are assigned and positioned: records published from then on are seen. (A consumer of
     * a broadcast topic from the latest offset is only useful from this moment.)
     */
    public boolean isAssigned() {
        return !assigned.isEmpty();
    }

    @Override
    public void start() {
        stopping = false;
        container.start();
    }

    @Override
    public void stop() {
        stopping = true;
        cancelPoll.run();
        container.stop();
        assigned.clear();
    }

    @Override
    public boolean isRunning() {
        return container.isRunning();
    }

    @Override
    public void close() {
        stop();
    }

    @Override
    public String toString() {
        return "TopicConsumer[" + name + "]";
    }

    /** Hands a poll to the handler and acknowledges what was dealt with. Runs on the container's consumer thread. */
    private final class PollListener implements BatchAcknowledgingMessageListener<String, byte[]> {

        @Override
        public void onMessage(List<ConsumerRecord<String, byte[]>> records, Acknowledgment ack) {
            Map<TopicPartition, List<Integer>> byPartition = new LinkedHashMap<>();
            for (int i = 0; i < records.size(); i++) {
                ConsumerRecord<String, byte[]> record = records.get(i);
                byPartition
                        .computeIfAbsent(
                                new TopicPartition(record.topic(), record.partition()), tp -> new ArrayList<>())
                        .add(i);
            }
            // Per partition, the poll index of its first record not dealt with yet; gone once all were.
            Map<TopicPartition, Integer> pending = new ConcurrentHashMap<>();
            byPartition.forEach((tp, indexes) -> pending.put(tp, indexes.get(0)));
            Mono<Void> work = Flux.fromIterable(byPartition.entrySet())
                    .flatMap(
                            partition -> Flux.range(0, partition.getValue().size())
                                    .concatMap(position -> process(records.get(
                                                    partition.getValue().get(position)))
                                            .then(Mono.fromRunnable(() -> passed(pending, partition, position))))
                                    // The partition stops at a record to deliver again; the others go on.
                                    .onErrorResume(error -> Mono.empty()),
                            Math.max(1, byPartition.size()))
                    .then();
            try {
                await(work);
            } catch (CancellationException stopped) {
                // Nothing of this poll is committed: it is delivered again after the next start.
                return;
            } catch (TimeoutException late) {
                log.warn("{}: a poll took longer than {}; delivering its unfinished records again", name, pollBudget);
            } catch (RuntimeException unexpected) {
                log.error("{}: handling a poll failed unexpectedly; delivering it again", name, unexpected);
                pending.put(
                        new TopicPartition(
                                records.get(0).topic(), records.get(0).partition()),
                        0);
            }
            Integer first = pending.values().stream().min(Integer::compare).orElse(null);
            if (!commits) {
                if (first != null) {
                    log.error(
                            "{}: a record at {} could not be applied; it is not read again before a restart",
                            name,
                            records.get(first).offset());
                }
                return;
            }
            if (first == null) {
                ack.acknowledge();
            } else {
                // Commits the records before it; the rest of the poll comes again after the pause.
                ack.nack(first, failures.maxBackoff());
            }
        }

        private void passed(
                Map<TopicPartition, Integer> pending,
                Map.Entry<TopicPartition, List<Integer>> partition,
                int position) {
            List<Integer> indexes = partition.getValue();
            if (position == indexes.size() - 1) {
                pending.remove(partition.getKey());
            } else {
                pending.put(partition.getKey(), indexes.get(position + 1));
            }
        }

        /**
         * Waits for the poll's work, at most {@code pollBudget} (the consumer must poll again well within
         * {@code max.poll.interval.ms}, or it leaves the group); {@link #stop()} cancels it.
         */
        private void await(Mono<Void> work) throws TimeoutException {
            CompletableFuture<Void> result = new CompletableFuture<>();
            Disposable subscription = work.subscribe(null, result::completeExceptionally, () -> result.complete(null));
            cancelPoll = () -> {
                subscription.dispose();
                result.cancel(false);
            };
            try {
                if (stopping) {
                    cancelPoll.run();
                }
                result.get(pollBudget.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                subscription.dispose();
                throw new CancellationException("interrupted");
            } catch (TimeoutException e) {
                subscription.dispose();
                throw e;
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            } finally {
                cancelPoll = () -> {};
            }
        }
    }

    /** Completes once the record was handled, dead-lettered or skipped; fails when it must be delivered again. */
    private Mono<Void> process(ConsumerRecord<String, byte[]> record) {
        Mono<Void> processing = handleOrGiveUp(record);
        if (observations == null) {
            return processing;
        }
        return Tracing.observe(
                () -> KafkaListenerObservation.LISTENER_OBSERVATION.observation(
                        null,
                        KafkaListenerObservation.DefaultKafkaListenerObservationConvention.INSTANCE,
                        () -> new KafkaRecordReceiverContext(record, name, () -> null),
                        observations),
                processing);
    }

    private Mono<Void> handleOrGiveUp(ConsumerRecord<String, byte[]> record) {
        return Mono.defer(() -> handler.handle(record))
                .then()
                .retryWhen(retry(record))
                .onErrorResume(error -> switch (failures.afterwards()) {
                    case DEAD_LETTER -> deadLetters.park(record, error);
                    case SKIP -> {
                        log.warn(
                                "{}: skipped {}-{}@{} after {}",
                                name,
                                record.topic(),
                                record.partition(),
                                record.offset(),
                                error.toString());
                        yield Mono.empty();
                    }
                    case REDELIVER -> {
                        log.warn(
                                "{}: {}-{}@{} failed ({}); delivering it again in {}",
                                name,
                                record.topic(),
                                record.partition(),
                                record.offset(),
                                error.toString(),
                                failures.maxBackoff());
                        yield Mono.error(error);
                    }
                });
    }

    private Retry retry(ConsumerRecord<String, byte[]> record) {
        if (failures.maxAttempts() == 1) {
            return Retry.max(0);
        }
        return Retry.backoff(failures.maxAttempts() - 1L, failures.firstBackoff())
                .maxBackoff(failures.maxBackoff())
                .filter(failures.retryable())
                .doBeforeRetry(signal -> log.warn(
                        "{}: handling {}-{}@{} failed (attempt {}), retrying: {}",
                        name,
                        record.topic(),
                        record.partition(),
                        record.offset(),
                        signal.totalRetries() + 1,
                        signal.failure().toString()))
                .onRetryExhaustedThrow((spec, signal) -> signal.failure());
    }

    /** Tracks the assignment; positions are resolved first, so "latest" means "from the moment of assignment". */
    private final class Assignments implements ConsumerAwareRebalanceListener {

        @Override
        public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
            partitions.forEach(consumer::position);
            assigned.addAll(partitions);
            log.info("{}: assigned {}", name, partitions);
        }

        @Override
        public void onPartitionsRevokedBeforeCommit(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
            assigned.removeAll(partitions);
        }

        @Override
        public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
            assigned.removeAll(partitions);
        }
    }
}
