package org.voicequeue.api.job;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.voicequeue.api.system.FieldProblem;
import org.voicequeue.api.system.RequestValidationException;
import org.voicequeue.api.system.ServiceUnavailableException;
import org.voicequeue.api.system.VoiceQueueProperties;
import org.voicequeue.model.job.JobEvent;
import org.voicequeue.model.job.JobEventType;
import org.voicequeue.model.job.JobStatus;
import org.voicequeue.model.redis.JobFields;

/** Reading, listing and canceling an owner's jobs. */
@Service
class JobService {
    static final int DEFAULT_LIMIT = 20;
    private static final Logger log = LoggerFactory.getLogger(JobService.class);
    private static final List<String> STATUSES =
            Arrays.stream(JobStatus.values()).map(JobStatus::wireName).toList();

    private final RedisJobStore jobs;
    private final JobRecords records;
    private final KafkaJobPublisher publisher;
    private final int maxLimit;

    JobService(RedisJobStore jobs, JobRecords records, KafkaJobPublisher publisher, VoiceQueueProperties properties) {
        this.jobs = jobs;
        this.records = records;
        this.publisher = publisher;
        this.maxLimit = properties.limits().maxListLimit();
    }

    JobResource get(String jobId, String owner) {
        return records.toResource(hash(jobId, owner));
    }

    record Audio(JobResource job, byte[] wav) {}

    Audio audio(String jobId, String owner) {
        JobResource job = records.toResource(hash(jobId, owner));
        if (!JobStatus.SUCCEEDED.wireName().equals(job.status())) {
            throw new JobNotFinishedException(jobId, job.status());
        }
        byte[] wav = jobs.findAudio(jobId).orElseThrow(() -> new ResultExpiredException(jobId));
        return new Audio(job, wav);
    }

    /** Queued: canceled now. Running: the worker is asked to stop between steps. Finished: a conflict. */
    JobResource cancel(String jobId, String owner) {
        String now = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
        String outcome = jobs.cancel(jobId, owner, now);
        switch (outcome) {
            case "not_found" -> throw new JobNotFoundException(jobId);
            case "now_canceled" -> announceCanceled(jobId, owner);
            case "cancel_requested" -> log.info("Cancel requested for running job {}", jobId);
            default -> throw new JobFinishedException(jobId, outcome.substring(outcome.indexOf(':') + 1));
        }
        return get(jobId, owner);
    }

    JobPage list(
            String owner,
            @Nullable String status,
            @Nullable String batchId,
            @Nullable Integer limit,
            @Nullable String cursor) {
        if (status != null && !STATUSES.contains(status)) {
            throw new RequestValidationException(List.of(FieldProblem.of("status", "must be one of " + STATUSES)));
        }
        int size = limit == null ? DEFAULT_LIMIT : limit;
        if (size < 1 || size > maxLimit) {
            throw new RequestValidationException(
                    List.of(FieldProblem.of("limit", "must be between 1 and " + maxLimit)));
        }
        JobCursor after = cursor == null || cursor.isBlank() ? null : JobCursor.decode(cursor);
        Predicate<Map<String, String>> filter = hash -> (status == null || status.equals(hash.get(JobFields.STATUS)))
                && (batchId == null || batchId.equals(hash.get(JobFields.BATCH_ID)));
        RedisJobStore.Page page = jobs.page(owner, after, size, filter, Math.max(1000, size * 10));
        return new JobPage(
                page.jobs().stream().map(records::toResource).toList(),
                page.next() != null,
                page.next() == null ? null : page.next().encode());
    }

    private Map<String, String> hash(String jobId, String owner) {
        return jobs.find(jobId, owner).orElseThrow(() -> new JobNotFoundException(jobId));
    }

    /** The job is canceled whatever happens here; a lost event only costs a webhook, so it is logged, not thrown. */
    private void announceCanceled(String jobId, String owner) {
        Map<String, String> hash = hash(jobId, owner);
        try {
            publisher.publish(new JobEvent(
                    JobEvent.SCHEMA_VERSION,
                    UUID.randomUUID().toString(),
                    JobEventType.CANCELED,
                    jobId,
                    owner,
                    hash.get(JobFields.BATCH_ID),
                    JobStatus.CANCELED,
                    null,
                    Instant.parse(Objects.requireNonNull(hash.get(JobFields.COMPLETED_AT)))));
        } catch (ServiceUnavailableException e) {
            log.error("Job {} was canceled but its CANCELED event could not be published", jobId, e);
        }
    }
}
