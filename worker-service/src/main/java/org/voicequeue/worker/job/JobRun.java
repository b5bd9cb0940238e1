package org.voicequeue.worker.job;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.voicequeue.audio.WavEncoder;
import org.voicequeue.model.job.JobEventType;
import org.voicequeue.model.job.JobStatus;
import org.voicequeue.model.job.JobSubmitted;
import org.voicequeue.model.redis.JobFields;
import org.voicequeue.worker.job.JobProgressListener.StopReason;
import org.voicequeue.worker.job.LeaseKeeper.HeldLease;
import org.voicequeue.worker.synthesis.SynthesisCanceledException;
import org.voicequeue.worker.synthesis.SynthesisException;
import org.voicequeue.worker.synthesis.SynthesizedAudio;
import org.voicequeue.worker.system.WorkerProperties;

/**
 * Runs a job this worker has claimed, under its lease, and writes how it ended. Order of every ending: terminal state
 * in Redis (fenced by the lease, with the event marked pending) → dead letter if failed → event → pending cleared →
 * the caller commits. A crash anywhere in between is repaired by the next delivery of the record.
 */
@Component
class JobRun {
    private static final Logger log = LoggerFactory.getLogger(JobRun.class);

    private final RedisJobStore store;
    private final JobMessages messages;
    private final LeaseKeeper leases;
    private final JobAttempts attempts;
    private final String workerId;
    private final WorkerProperties.Progress progress;
    private final Duration resultTtl;
    private volatile boolean stopping;

    JobRun(
            RedisJobStore store,
            JobMessages messages,
            LeaseKeeper leases,
            JobAttempts attempts,
            WorkerProperties properties) {
        this.store = store;
        this.messages = messages;
        this.leases = leases;
        this.attempts = attempts;
        this.workerId = properties.worker().id();
        this.progress = properties.progress();
        this.resultTtl = properties.resultTtl();
    }

    /** Makes the running synthesis stop at its next step and hand the job back to the queue. */
    void handBack() {
        stopping = true;
    }

    boolean isStopping() {
        return stopping;
    }

    Outcome run(ConsumerRecord<String, byte[]> record, JobSubmitted job, int attempt) {
        log.info("Running job {} (attempt {})", job.jobId(), attempt);
        publishStarted(job, attempt);
        long startedAt = System.nanoTime();
        try (HeldLease lease = leases.keep(job.jobId())) {
            JobProgressListener listener = new JobProgressListener(
                    jobRecord(job.jobId()),
                    lease::isLost,
                    this::isStopping,
                    progress.minInterval(),
                    progress.minDelta(),
                    progress.cancelCheckInterval(),
                    System::nanoTime);
            try {
                SynthesizedAudio audio = attempts.synthesize(job, attempt, listener);
                return succeed(job, audio, (System.nanoTime() - startedAt) / 1e9);
            } catch (SynthesisCanceledException e) {
                return stopped(job, listener.stopReason());
            } catch (JobAttempts.LeaseLostException e) {
                return Outcome.REDELIVER;
            } catch (SynthesisException e) {
                return fail(record, job, e.code(), e.getMessage());
            }
        }
    }

    private Outcome succeed(JobSubmitted job, SynthesizedAudio audio, double synthesisSeconds) {
        byte[] wav = WavEncoder.encodePcm16(audio.samples(), audio.sampleRate());
        Instant now = Instant.now();
        Map<String, String> fields = terminal(JobStatus.SUCCEEDED, now);
        fields.put(JobFields.PROGRESS, "1");
        fields.put(JobFields.SAMPLE_RATE, Integer.toString(audio.sampleRate()));
        fields.put(JobFields.DURATION_SECONDS, Double.toString(audio.durationSeconds()));
        fields.put(JobFields.EXPIRES_AT, now.plus(resultTtl).toString());
        fields.put(JobFields.SYNTHESIS_SECONDS, Double.toString(synthesisSeconds));
        if (!store.finish(job.jobId(), workerId, fields, JobEventType.COMPLETED, wav, resultTtl)) {
            log.warn("Job {} finished but its lease was lost; result discarded", job.jobId());
            return Outcome.REDELIVER;
        }
        log.info("Job {} succeeded: {} s of audio in {} s", job.jobId(), audio.durationSeconds(), synthesisSeconds);
        return published(job, JobEventType.COMPLETED, null);
    }

    private Outcome stopped(JobSubmitted job, StopReason reason) {
        switch (reason) {
            case CANCEL_REQUESTED -> {
                if (!store.finish(
                        job.jobId(),
                        workerId,
                        terminal(JobStatus.CANCELED, Instant.now()),
                        JobEventType.CANCELED,
                        null,
                        resultTtl)) {
                    return Outcome.REDELIVER;
                }
                log.info("Job {} canceled", job.jobId());
                return published(job, JobEventType.CANCELED, null);
            }
            case SHUTDOWN -> {
                boolean released = store.release(job.jobId(), workerId);
                log.info("Worker stopping: job {} handed back to the queue ({})", job.jobId(), released);
                return Outcome.REDELIVER;
            }
            default -> {
                return Outcome.REDELIVER; // lease lost: another worker owns the job now
            }
        }
    }

    private Outcome fail(ConsumerRecord<String, byte[]> record, JobSubmitted job, String code, String message) {
        Map<String, String> fields = terminal(JobStatus.FAILED, Instant.now());
        fields.put(JobFields.ERROR_CODE, code);
        fields.put(JobFields.ERROR_MESSAGE, message);
        if (!store.finish(job.jobId(), workerId, fields, JobEventType.FAILED, null, resultTtl)) {
            return Outcome.REDELIVER;
        }
        log.warn("Job {} failed: {} ({})", job.jobId(), code, message);
        messages.deadLetter(record, code, message);
        return published(job, JobEventType.FAILED, code);
    }

    private Outcome published(JobSubmitted job, JobEventType type, @Nullable String errorCode) {
        messages.publishEvent(job, type, errorCode, 0);
        store.eventPublished(job.jobId());
        return Outcome.COMMIT;
    }

    private void publishStarted(JobSubmitted job, int attempt) {
        try {
            messages.publishStarted(job, attempt);
        } catch (RuntimeException e) {
            // the started event is informational; failing the job or blocking the GPU for it would be worse
            log.warn("Started event of job {} not published: {}", job.jobId(), e.getMessage());
        }
    }

    private JobProgressListener.JobRecord jobRecord(String jobId) {
        return new JobProgressListener.JobRecord() {
            @Override
            public boolean writeProgress(double fraction) {
                return store.writeProgress(jobId, workerId, fraction);
            }

            @Override
            public boolean isCancelRequested() {
                return store.isCancelRequested(jobId);
            }
        };
    }

    private static Map<String, String> terminal(JobStatus status, Instant now) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put(JobFields.STATUS, status.wireName());
        fields.put(JobFields.COMPLETED_AT, now.toString());
        return fields;
    }
}
