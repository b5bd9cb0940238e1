package org.voicequeue.api.job;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.voicequeue.api.storage.ReferenceAudioStore;
import org.voicequeue.api.system.ServiceUnavailableException;
import org.voicequeue.model.job.JobIds;
import org.voicequeue.model.job.JobSubmitted;

/**
 * Accepts a job in the order that leaves nothing half-made: validate everything, reserve the idempotency key, store
 * the reference audio, write the job record, and only then queue it on Kafka. When queueing fails the record is
 * removed again, so no job id is ever answered that will not run.
 */
@Service
class JobSubmissionService {
    private static final Logger log = LoggerFactory.getLogger(JobSubmissionService.class);

    /** What the controller answers: the job, and whether it was created by this request. */
    record Submitted(JobResource job, boolean replayed) {}

    private final SubmissionValidator validator;
    private final Idempotency idempotency;
    private final ReferenceAudioStore audioStore;
    private final RedisJobStore jobs;
    private final JobRecords records;
    private final KafkaJobPublisher publisher;

    JobSubmissionService(
            SubmissionValidator validator,
            Idempotency idempotency,
            ReferenceAudioStore audioStore,
            RedisJobStore jobs,
            JobRecords records,
            KafkaJobPublisher publisher) {
        this.validator = validator;
        this.idempotency = idempotency;
        this.audioStore = audioStore;
        this.jobs = jobs;
        this.records = records;
        this.publisher = publisher;
    }

    Submitted submit(String owner, @Nullable String idempotencyKey, JobSubmissionForm form) {
        ValidSubmission submission = validator.validate(owner, form);
        String fingerprint = form.fingerprint(submission.referenceAudioSha256());
        Idempotency.Decision decision = idempotency.reserve(owner, idempotencyKey, fingerprint, JobIds.newJobId());
        if (decision instanceof Idempotency.Decision.Replay replay) {
            return new Submitted(replayed(replay.jobId(), owner), true);
        }
        String jobId = ((Idempotency.Decision.Create) decision).jobId();
        try {
            return new Submitted(create(jobId, owner, submission), false);
        } catch (RuntimeException e) {
            releaseQuietly(owner, idempotencyKey, fingerprint, jobId);
            throw e;
        }
    }

    private JobResource create(String jobId, String owner, ValidSubmission submission) {
        String audioKey = storeReference(submission);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        var fields = records.newJob(jobId, owner, submission, audioKey, now);
        jobs.create(jobId, owner, now.toEpochMilli(), fields);
        try {
            publisher.publish(new JobSubmitted(
                    JobSubmitted.SCHEMA_VERSION,
                    jobId,
                    owner,
                    submission.model(),
                    audioKey,
                    submission.referenceText(),
                    submission.text(),
                    submission.params(),
                    now,
                    null));
        } catch (ServiceUnavailableException e) {
            jobs.delete(jobId, owner);
            throw e;
        }
        log.info("Queued job {} for {} (model {})", jobId, owner, submission.model());
        return records.toResource(fields);
    }

    /** A stored voice's audio is already in the store: the job copies its key (the voice may be deleted later). */
    private String storeReference(ValidSubmission submission) {
        String stored = submission.storedReferenceKey();
        byte[] audio = submission.referenceAudio();
        String sha256 = submission.referenceAudioSha256();
        if (stored != null) {
            return stored;
        }
        if (audio == null || sha256 == null) {
            throw new IllegalStateException("a valid submission has reference audio or a stored voice");
        }
        return audioStore.store(audio, sha256);
    }

    private JobResource replayed(String jobId, String owner) {
        return jobs.find(jobId, owner)
                .map(records::toResource)
                .orElseThrow(() -> new IdempotencyConflictException(
                        "The first request with this Idempotency-Key is still being processed; retry shortly.", jobId));
    }

    private void releaseQuietly(String owner, @Nullable String key, String fingerprint, String jobId) {
        try {
            idempotency.release(owner, key, fingerprint, jobId);
        } catch (RuntimeException e) {
            log.warn("Could not release Idempotency-Key of job {}; it expires in 24 h", jobId);
        }
    }
}
