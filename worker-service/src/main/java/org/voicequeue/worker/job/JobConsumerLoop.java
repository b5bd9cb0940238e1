package org.voicequeue.worker.job;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.stereotype.Component;
import org.voicequeue.model.kafka.Topics;
import org.voicequeue.worker.system.WorkerProperties;

/**
 * The worker's Kafka consumer: a plain {@link Consumer} from Spring's {@link ConsumerFactory}, driven by one poll
 * thread, with each job processed on a separate job thread.
 *
 * <p>Why: Kafka is a log, not a job queue. Group membership lives as long as the consumer calls {@code poll()} at
 * least every {@code max.poll.interval.ms}; a synthesis longer than that would make the group drop this worker, hand
 * its partition to another, and the uncommitted job would run twice. So the poll thread never runs a job. When a
 * record arrives it hands it to the job thread, pauses every assigned partition, and keeps polling (which returns
 * nothing while paused but keeps the membership alive) until the job is terminal; only then it commits that record's
 * offset and resumes. {@code max.poll.records=1} plus the pause give one job at a time per worker (one worker per
 * GPU) and no prefetched records to lose. A spring-kafka listener container could pause too, but its listener thread
 * is the poll thread; this loop keeps the hand-off, the pause and the commit in one small class.
 *
 * <p>Rebalances: if the partition of the running job is revoked, the job keeps running (its Redis lease keeps other
 * workers off it) but its offset is no longer ours to commit. The new owner reads the same record, finds a live lease,
 * and waits on its own job thread (its partitions paused) until the job is terminal — then commits — or the lease
 * lapses — then takes over. Assignment uses the cooperative-sticky assignor so that partitions that stay put are not
 * revoked at all.
 *
 * <p>Cross-job batching ({@code voicequeue.batching.max-jobs} = K &gt; 1): up to K jobs run at once, each on its own
 * job thread, so that the engine can merge their transformer steps. The rules stay per partition: a partition with a
 * running job is paused (its next record waits, so offsets are still committed in order, one job per partition),
 * and all partitions are paused once K jobs run. K = 1 is exactly the one-job-at-a-time loop.
 */
@Component
class JobConsumerLoop implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(JobConsumerLoop.class);
    private static final Duration REDELIVERY_PAUSE = Duration.ofSeconds(1);
    /** With free slots and jobs running, polls are this short so that a finished job is committed promptly. */
    private static final Duration HANDOFF_POLL = Duration.ofMillis(20);

    private final ConsumerFactory<?, ?> consumerFactory;
    private final JobProcessor processor;
    private final JobRun run;
    private final WorkerProperties properties;
    private final int capacity;
    private final ExecutorService jobThreads;
    /** Released by every job as it ends; the poll thread waits on it while all slots are busy. */
    private final Semaphore jobEnded = new Semaphore(0);

    private volatile boolean running;
    private volatile boolean stopRequested;
    private volatile @Nullable Instant lastPollAt;
    private @Nullable Thread pollThread;
    /** Running jobs by partition. Only the poll thread changes it (the rebalance listener runs inside poll). */
    private final Map<TopicPartition, InFlight> inFlight = new ConcurrentHashMap<>();

    private @Nullable Instant resumeNotBefore;

    JobConsumerLoop(
            ConsumerFactory<?, ?> consumerFactory, JobProcessor processor, JobRun run, WorkerProperties properties) {
        this.consumerFactory = consumerFactory;
        this.processor = processor;
        this.run = run;
        this.properties = properties;
        this.capacity = properties.batching().maxJobs();
        AtomicInteger threads = new AtomicInteger();
        this.jobThreads = Executors.newFixedThreadPool(
                capacity, runnable -> new Thread(runnable, capacity == 1 ? "job" : "job-" + threads.incrementAndGet()));
    }

    @Override
    public void start() {
        stopRequested = false;
        running = true;
        Thread thread = new Thread(this::pollLoop, "job-poll");
        pollThread = thread;
        thread.start();
    }

    /** Lets the running job finish within the shutdown grace, else hands it back; then leaves the group. */
    @Override
    public void stop() {
        stopRequested = true;
        Thread thread = pollThread;
        if (thread != null) {
            try {
                thread.join(properties.worker().shutdownGrace().plusSeconds(15).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        jobThreads.shutdownNow();
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Time of the last completed poll; the health indicator reports it. */
    @Nullable
    Instant lastPollAt() {
        return lastPollAt;
    }

    boolean isBusy() {
        return !inFlight.isEmpty();
    }

    private void pollLoop() {
        try (Consumer<String, byte[]> consumer = createConsumer()) {
            consumer.subscribe(List.of(Topics.JOBS), new Rebalance(consumer));
            Instant stopDeadline = null;
            while (!stopRequested || !inFlight.isEmpty()) {
                if (stopRequested && stopDeadline == null) {
                    stopDeadline = Instant.now().plus(properties.worker().shutdownGrace());
                }
                if (stopDeadline != null && Instant.now().isAfter(stopDeadline)) {
                    run.handBack(); // the synthesis stops at its next step and releases the job
                }
                pollOnce(consumer);
            }
        } catch (WakeupException e) {
            log.debug("Poll loop woken up to stop");
        } catch (RuntimeException e) {
            log.error("Job poll loop stopped", e);
        } finally {
            running = false;
        }
    }

    private void pollOnce(Consumer<String, byte[]> consumer) {
        try {
            Duration timeout = properties.kafka().pollTimeout();
            if (!inFlight.isEmpty() && (inFlight.size() >= capacity || stopRequested)) {
                // Wait on the jobs, not inside poll(): paused partitions make poll() sleep its whole timeout, so a
                // job that ended just after the poll began was committed, and the next record fetched, up to 0.5 s
                // late (platform bench: 0.49 s per skipped canceled record, now ~5 ms). The poll right after, with
                // a zero timeout, still keeps the membership and runs rebalance callbacks.
                awaitJobEnd(timeout);
                timeout = Duration.ZERO;
            } else if (!inFlight.isEmpty()) {
                timeout = HANDOFF_POLL; // free slots: poll for records, but commit ending jobs promptly too
            }
            for (ConsumerRecord<String, byte[]> record : consumer.poll(timeout)) {
                start(consumer, record);
            }
            lastPollAt = Instant.now();
            finishDone(consumer);
        } catch (KafkaException e) {
            if (e instanceof WakeupException wakeup) {
                throw wakeup;
            }
            // e.g. a commit refused during a rebalance: the record is redelivered and found terminal
            log.warn("Kafka error in the poll loop: {}", e.getMessage());
        }
    }

    private void start(Consumer<String, byte[]> consumer, ConsumerRecord<String, byte[]> record) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        if (inFlight.size() >= capacity || inFlight.containsKey(partition) || stopRequested) {
            consumer.seek(partition, record.offset()); // not ours to start now; read it again later
            consumer.pause(List.of(partition));
            return;
        }
        AtomicBoolean abandoned = new AtomicBoolean();
        CompletableFuture<Outcome> future = CompletableFuture.supplyAsync(
                () -> processor.process(record, () -> abandoned.get() || stopRequested), jobThreads);
        future.whenComplete((outcome, failure) -> jobEnded.release()); // after completion: isDone() is true then
        inFlight.put(partition, new InFlight(partition, record.offset(), future, abandoned));
        // its partition waits until this job ends (in-order commits); every partition once all slots are busy
        consumer.pause(inFlight.size() >= capacity ? consumer.assignment() : List.of(partition));
    }

    private void finishDone(Consumer<String, byte[]> consumer) {
        for (InFlight job : List.copyOf(inFlight.values())) {
            if (job.future().isDone()) {
                inFlight.remove(job.partition());
                finish(consumer, job);
            }
        }
        if (inFlight.size() < capacity
                && !stopRequested
                && (resumeNotBefore == null || Instant.now().isAfter(resumeNotBefore))) {
            Set<TopicPartition> resumable = new HashSet<>(consumer.paused());
            resumable.removeAll(inFlight.keySet());
            if (!resumable.isEmpty()) {
                consumer.resume(resumable);
            }
        }
    }

    private void finish(Consumer<String, byte[]> consumer, InFlight job) {
        Outcome outcome = outcome(job);
        if (job.revoked().get()) {
            log.info(
                    "Job at {}@{} ended after its partition moved; the new owner commits it",
                    job.partition(),
                    job.offset());
        } else if (outcome == Outcome.COMMIT) {
            // asynchronous: the job is terminal in Redis already, so a commit lost to a crash only means the record
            // is read again, found terminal and skipped; the broker round trip stays out of the hand-off to the
            // next job. Kafka completes pending async commits before a later commitSync and on close.
            consumer.commitAsync(
                    Map.of(job.partition(), new OffsetAndMetadata(job.offset() + 1)), (offsets, failure) -> {
                        if (failure != null) {
                            log.warn(
                                    "Commit of {}@{} refused: {}", job.partition(), job.offset(), failure.getMessage());
                        }
                    });
        } else {
            consumer.seek(job.partition(), job.offset());
            resumeNotBefore = Instant.now().plus(REDELIVERY_PAUSE); // no hot loop while Redis or Kafka is down
        }
    }

    private void awaitJobEnd(Duration timeout) {
        try {
            if (jobEnded.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                jobEnded.drainPermits(); // finishDone looks at every job anyway
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Outcome outcome(InFlight job) {
        try {
            return job.future().get();
        } catch (ExecutionException e) {
            log.warn("Job at {}@{} not finished, will be read again", job.partition(), job.offset(), e.getCause());
            return Outcome.REDELIVER;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.REDELIVER;
        }
    }

    @SuppressWarnings("unchecked")
    private Consumer<String, byte[]> createConsumer() {
        Properties overrides = new Properties();
        // not configurable: the whole design relies on them
        overrides.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        overrides.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "1");
        overrides.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        overrides.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        overrides.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        String clientId = "voicequeue-worker-" + properties.worker().id();
        return (Consumer<String, byte[]>)
                consumerFactory.createConsumer(properties.kafka().groupId(), clientId, null, overrides);
    }

    private record InFlight(TopicPartition partition, long offset, Future<Outcome> future, AtomicBoolean revoked) {}

    /** Runs on the poll thread, inside {@code poll()}. */
    private final class Rebalance implements ConsumerRebalanceListener {
        private final Consumer<String, byte[]> consumer;

        Rebalance(Consumer<String, byte[]> consumer) {
            this.consumer = consumer;
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            for (TopicPartition partition : partitions) {
                InFlight job = inFlight.get(partition);
                if (job == null) {
                    continue;
                }
                if (job.future().isDone() && outcome(job) == Outcome.COMMIT) {
                    // still ours during this callback: commit now rather than leave the new owner to find it terminal
                    commitQuietly(job);
                    inFlight.remove(partition);
                    continue;
                }
                log.info(
                        "Partition {} revoked while its job runs here; the job continues, the new owner waits",
                        partition);
                job.revoked().set(true); // a job merely waiting on someone else's lease gives up
            }
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            for (TopicPartition partition : partitions) {
                InFlight job = inFlight.get(partition);
                if (job != null) {
                    job.revoked().set(true);
                }
            }
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            List<TopicPartition> hold = new ArrayList<>();
            for (TopicPartition partition : partitions) {
                if (inFlight.size() >= capacity || stopRequested || inFlight.containsKey(partition)) {
                    hold.add(partition); // no free slot (or its old job still runs here): wait until one ends
                }
            }
            consumer.pause(hold);
            log.info("Assigned {} partition(s): {}", partitions.size(), partitions);
        }

        private void commitQuietly(InFlight job) {
            try {
                consumer.commitSync(Map.of(job.partition(), new OffsetAndMetadata(job.offset() + 1)));
            } catch (KafkaException e) {
                log.warn("Commit at revocation refused: {}", e.getMessage());
            }
        }
    }
}
