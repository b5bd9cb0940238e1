package org.voicequeue.worker.job;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;
import org.voicequeue.model.job.ErrorCodes;
import org.voicequeue.model.job.JobEventType;
import org.voicequeue.model.job.JobSubmitted;
import org.voicequeue.worker.system.WorkerProperties;

/**
 * Decides what one {@code JobSubmitted} record means for this worker, on the job thread (never the poll thread):
 * unreadable → dead letter; no record, terminal or canceled → nothing to run; leased by a live worker → wait until
 * that worker finishes or its lease lapses; claimable → run it. A redelivered or duplicated message therefore never
 * synthesizes twice: only the claim script turns a job into "running", and only for one lease holder at a time.
 */
@Component
class JobProcessor {
    private static final Logger log = LoggerFactory.getLogger(JobProcessor.class);
    private static final Duration WAIT_SLICE = Duration.ofMillis(100);

    private final RedisJobStore store;
    private final JobMessages messages;
    private final JobRun run;
    private final String workerId;
    private final WorkerProperties.Lease lease;
    private final int maxAttempts;

    JobProcessor(RedisJobStore store, JobMessages messages, JobRun run, WorkerProperties properties) {
        this.store = store;
        this.messages = messages;
        this.run = run;
        this.workerId = properties.worker().id();
        this.lease = properties.lease();
        this.maxAttempts = properties.retry().maxAttempts();
    }

    /**
     * @param abandoned turns true when this worker should stop waiting for the record (partition revoked, worker
     *     stopping); a job already running here is not abandoned — it finishes and the new owner sees it terminal
     */
    Outcome process(ConsumerRecord<String, byte[]> record, BooleanSupplier abandoned) {
        JobSubmitted job;
        try {
            job = JobJson.readSubmitted(record.value() == null ? new byte[0] : record.value());
        } catch (JobJson.UnreadableJobException e) {
            log.warn(
                    "Unreadable record at {}-{}@{} sent to the dead-letter topic: {}",
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    e.getMessage());
            messages.deadLetter(record, ErrorCodes.VALIDATION_FAILED, e.getMessage());
            return Outcome.COMMIT;
        }
        MDC.put("job_id", job.jobId());
        try {
            return claimAndRun(record, job, abandoned);
        } finally {
            MDC.remove("job_id");
        }
    }

    private Outcome claimAndRun(ConsumerRecord<String, byte[]> record, JobSubmitted job, BooleanSupplier abandoned) {
        while (true) {
            ClaimResult claim = store.claim(job.jobId(), workerId, lease.ttl(), maxAttempts, Instant.now());
            switch (claim.kind()) {
                case MISSING -> {
                    log.warn("No job record for {}; sent to the dead-letter topic", job.jobId());
                    messages.deadLetter(record, ErrorCodes.JOB_NOT_FOUND, "no job record");
                    return Outcome.COMMIT;
                }
                case TERMINAL, CANCELED -> {
                    publishPendingEvent(job, claim);
                    return Outcome.COMMIT;
                }
                case EXHAUSTED -> {
                    log.warn("Job {} was attempted {} times without finishing; failed", job.jobId(), claim.attempts());
                    messages.deadLetter(record, ErrorCodes.RETRIES_EXHAUSTED, "attempts exhausted");
                    publishPendingEvent(job, claim);
                    return Outcome.COMMIT;
                }
                case LEASED -> {
                    log.debug("Job {} is leased by {}; waiting", job.jobId(), claim.holder());
                    if (!waitForLease(abandoned)) {
                        return Outcome.REDELIVER;
                    }
                }
                case CLAIMED -> {
                    return run.run(record, job, claim.attempts());
                }
            }
        }
    }

    /** Finishes the outbox step a crashed worker may have left: the terminal state is in Redis, its event is not. */
    private void publishPendingEvent(JobSubmitted job, ClaimResult claim) {
        JobEventType pending = claim.pendingEvent();
        if (pending != null) {
            messages.publishEvent(job, pending, claim.errorCode(), 0);
            store.eventPublished(job.jobId());
        }
    }

    /** {@code false} when abandoned while waiting. */
    private boolean waitForLease(BooleanSupplier abandoned) {
        long deadline = System.nanoTime() + lease.foreignLeaseCheck().toNanos();
        while (System.nanoTime() < deadline) {
            if (abandoned.getAsBoolean() || run.isStopping()) {
                return false;
            }
            try {
                Thread.sleep(WAIT_SLICE.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
