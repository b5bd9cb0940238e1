package org.voicequeue.worker.system;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Every setting of the worker, bound from {@code voicequeue.*} (environment: {@code VOICEQUEUE_*}). Kafka and Redis
 * connections themselves stay under Boot's {@code spring.kafka.*} / {@code spring.data.redis.*}.
 */
@Validated
@ConfigurationProperties("voicequeue")
public record WorkerProperties(
        @DefaultValue @Valid Worker worker,
        @DefaultValue @Valid Lease lease,
        @DefaultValue @Valid Heartbeat heartbeat,
        @DefaultValue @Valid Retry retry,
        @DefaultValue @Valid Progress progress,
        @DefaultValue("24h") @NotNull Duration resultTtl,
        @DefaultValue @Valid Storage storage,
        @DefaultValue @Valid Kafka kafka,
        @DefaultValue @Valid Batching batching) {

    /**
     * @param id unique per worker process; defaults to hostname-pid
     * @param shutdownGrace how long a stopping worker lets its running job finish before handing it back
     */
    public record Worker(
            @Nullable String id, @DefaultValue("30s") Duration shutdownGrace) {
        public Worker {
            if (id == null || id.isBlank()) {
                id = defaultId();
            }
        }

        private static String defaultId() {
            String host;
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                host = "worker";
            }
            return host + "-" + ManagementFactory.getRuntimeMXBean().getPid();
        }
    }

    /**
     * The Redis lease that marks a job as owned by a live worker.
     *
     * @param ttl how long a lease outlives its last renewal (a dead worker's job is claimable after this)
     * @param renewEvery renewal period; well under {@code ttl}
     * @param foreignLeaseCheck how often a worker that found the job leased elsewhere looks again
     */
    public record Lease(
            @DefaultValue("15s") Duration ttl,
            @DefaultValue("5s") Duration renewEvery,
            @DefaultValue("1s") Duration foreignLeaseCheck) {}

    /** The {@code vq:workers:{id}} hash that tells the API which models are live. */
    public record Heartbeat(
            @DefaultValue("5s") Duration interval,
            @DefaultValue("15s") Duration ttl) {}

    /**
     * Retries of retryable synthesis failures (timeouts, lost connections), with exponential backoff.
     *
     * @param maxAttempts total synthesis attempts of a job, crashed workers' attempts included
     */
    public record Retry(
            @DefaultValue("3") @Min(1) int maxAttempts,
            @DefaultValue("1s") Duration initialBackoff,
            @DefaultValue("2.0") @DecimalMin("1.0") double multiplier,
            @DefaultValue("30s") Duration maxBackoff) {}

    /**
     * @param minInterval progress is written at most this often...
     * @param minDelta ...unless it moved at least this much
     * @param cancelCheckInterval {@code cancel_requested} is read at most this often
     */
    public record Progress(
            @DefaultValue("250ms") Duration minInterval,

            @DefaultValue("0.05") @DecimalMin("0.0") @DecimalMax("1.0")
            double minDelta,

            @DefaultValue("200ms") Duration cancelCheckInterval) {}

    /** The S3 bucket the API stores reference audio in; credentials come from the environment only. */
    public record Storage(
            @DefaultValue("http://127.0.0.1:9000") @NotBlank String endpoint,
            @DefaultValue("") String accessKey,
            @DefaultValue("") String secretKey,

            @DefaultValue("voicequeue-reference-audio") @NotBlank
            String bucket,

            @DefaultValue("us-east-1") String region) {

        @Override
        public String toString() {
            return "Storage[endpoint=" + endpoint + ", bucket=" + bucket + ", region=" + region + "]";
        }
    }

    /**
     * @param groupId consumer group of all workers
     * @param jobPartitions partitions of the jobs topic (upper bound of useful workers)
     * @param pollTimeout how long one poll waits; the loop also checks its running job this often
     */
    public record Kafka(
            @DefaultValue("voicequeue-workers") @NotBlank String groupId,
            @DefaultValue("12") @Min(1) int jobPartitions,
            @DefaultValue("1") @Min(1) short replicationFactor,
            @DefaultValue("500ms") Duration pollTimeout) {}

    /**
     * Cross-job batching: how many jobs the consumer runs at once. The engine reads the same setting, plus its own
     * {@code voicequeue.batching.window} ({@code OnnxSpeechSynthesizer}); it stays out of this record because the
     * engine package does not depend on the worker's settings, and the consumer has no use for it.
     *
     * @param maxJobs jobs this worker runs at once; above 1, their transformer steps run as one batch when their
     *     chunks have the same length (1: one job at a time)
     */
    public record Batching(
            @DefaultValue("1") @Min(1) @Max(16) int maxJobs) {}
}
