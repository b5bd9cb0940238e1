package org.voicequeue.api.job;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.voicequeue.api.system.ServiceUnavailableException;
import org.voicequeue.api.system.WireJson;
import org.voicequeue.model.job.JobEvent;
import org.voicequeue.model.job.JobEventType;
import org.voicequeue.model.job.JobParams;
import org.voicequeue.model.job.JobStatus;
import org.voicequeue.model.job.JobSubmitted;
import org.voicequeue.model.redis.JobFields;

/**
 * Jobs made by another feature (the items of a batch): written to Redis like any job, but queued on Kafka only when
 * that feature releases them, so a big batch never fills the jobs topic ahead of other users' single jobs.
 */
@Component
public class ItemJobs {
    private static final Logger log = LoggerFactory.getLogger(ItemJobs.class);

    /** One job to create; {@code extraFields} are written into its hash too (e.g. the batch item id). */
    public record NewJob(
            String jobId,
            String owner,
            String batchId,
            String model,
            String referenceAudioKey,
            String referenceText,
            String text,
            JobParams params,
            @Nullable String metadata,
            Map<String, String> extraFields) {}

    /** What canceling a job did. */
    public enum CancelOutcome {
        CANCELED_NOW,
        CANCEL_REQUESTED,
        ALREADY_FINISHED,
        NOT_FOUND
    }

    private final RedisJobStore jobs;
    private final JobRecords records;
    private final KafkaJobPublisher publisher;
    private final WireJson json;

    ItemJobs(RedisJobStore jobs, JobRecords records, KafkaJobPublisher publisher, WireJson json) {
        this.jobs = jobs;
        this.records = records;
        this.publisher = publisher;
        this.json = json;
    }

    /** Writes the job hash (status queued, {@code batch_id} set) and the owner's index entry; nothing on Kafka. */
    public void create(NewJob job, Instant createdAt) {
        var submission = new ValidSubmission(
                null,
                null,
                job.referenceAudioKey(),
                job.referenceText(),
                job.text(),
                job.model(),
                job.params(),
                null,
                null,
                job.metadata());
        Map<String, String> fields =
                records.newJob(job.jobId(), job.owner(), submission, job.referenceAudioKey(), createdAt);
        fields.put(JobFields.BATCH_ID, job.batchId());
        fields.putAll(job.extraFields());
        jobs.create(job.jobId(), job.owner(), createdAt.toEpochMilli(), fields);
    }

    public Optional<Map<String, String>> find(String jobId, String owner) {
        return jobs.find(jobId, owner);
    }

    /**
     * Queues a created job on Kafka ({@code JobSubmitted} from its hash) and waits for the ack. Publishing twice is
     * harmless: the worker claims a job once.
     *
     * @return false when the job is gone or no longer queued (nothing was sent)
     * @throws ServiceUnavailableException when Kafka does not acknowledge
     */
    public boolean publish(String jobId, String owner) {
        Optional<Map<String, String>> found = jobs.find(jobId, owner);
        if (found.isEmpty() || !JobStatus.QUEUED.wireName().equals(found.get().get(JobFields.STATUS))) {
            return false;
        }
        Map<String, String> hash = found.get();
        publisher.publish(new JobSubmitted(
                JobSubmitted.SCHEMA_VERSION,
                jobId,
                owner,
                hash.get(JobFields.MODEL),
                hash.get(JobFields.REFERENCE_AUDIO_KEY),
                hash.get(JobFields.REFERENCE_TEXT),
                hash.get(JobFields.TEXT),
                json.read(hash.get(JobFields.PARAMS), JobParams.class),
                Instant.now().truncatedTo(ChronoUnit.MILLIS),
                hash.get(JobFields.BATCH_ID)));
        return true;
    }

    /** Undoes {@link #create} when the batch could not be accepted. */
    public void delete(String jobId, String owner) {
        jobs.delete(jobId, owner);
    }

    /**
     * Cancels as {@code DELETE /v1/jobs/{id}} does. A job canceled now gets its {@code CANCELED} event when
     * {@code announce} (a job never queued on Kafka has no one else to tell); a lost event is logged, not thrown.
     */
    public CancelOutcome cancel(String jobId, String owner, boolean announce) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String outcome = jobs.cancel(jobId, owner, now.toString());
        switch (outcome) {
            case "not_found" -> {
                return CancelOutcome.NOT_FOUND;
            }
            case "now_canceled" -> {
                if (announce) {
                    announceCanceled(jobId, owner, now);
                }
                return CancelOutcome.CANCELED_NOW;
            }
            case "cancel_requested" -> {
                return CancelOutcome.CANCEL_REQUESTED;
            }
            default -> {
                return CancelOutcome.ALREADY_FINISHED;
            }
        }
    }

    private void announceCanceled(String jobId, String owner, Instant at) {
        String batchId =
                jobs.find(jobId, owner).map(h -> h.get(JobFields.BATCH_ID)).orElse(null);
        try {
            publisher.publish(new JobEvent(
                    JobEvent.SCHEMA_VERSION,
                    UUID.randomUUID().toString(),
                    JobEventType.CANCELED,
                    jobId,
                    owner,
                    batchId,
                    JobStatus.CANCELED,
                    null,
                    Objects.requireNonNull(at)));
        } catch (ServiceUnavailableException e) {
            log.error("Job {} was canceled but its CANCELED event could not be published", jobId, e);
        }
    }
}
