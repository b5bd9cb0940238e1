package org.voicequeue.api.job;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.voicequeue.api.system.WireJson;
import org.voicequeue.model.job.JobParams;
import org.voicequeue.model.job.JobStatus;
import org.voicequeue.model.redis.JobFields;

/** Converts between a job and its Redis hash (field names in {@link JobFields}, numbers and times as strings). */
@Component
class JobRecords {
    private final WireJson json;

    JobRecords(WireJson json) {
        this.json = json;
    }

    Map<String, String> newJob(
            String jobId, String owner, ValidSubmission submission, String referenceAudioKey, Instant createdAt) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put(JobFields.ID, jobId);
        fields.put(JobFields.OWNER, owner);
        fields.put(JobFields.STATUS, JobStatus.QUEUED.wireName());
        fields.put(JobFields.MODEL, submission.model());
        fields.put(JobFields.PROGRESS, "0");
        fields.put(JobFields.CREATED_AT, createdAt.toString());
        fields.put(JobFields.ATTEMPTS, "0");
        fields.put(JobFields.PARAMS, json.write(submission.params()));
        fields.put(JobFields.REFERENCE_AUDIO_KEY, referenceAudioKey);
        fields.put(JobFields.REFERENCE_TEXT, submission.referenceText());
        fields.put(JobFields.TEXT, submission.text());
        putIfPresent(fields, JobFields.METADATA, submission.metadata());
        putIfPresent(fields, CALLBACK_URL, submission.callbackUrl());
        putIfPresent(fields, CALLBACK_EVENTS, submission.callbackEvents());
        return fields;
    }

    /** Webhook settings, stored now and used when webhook delivery lands. */
    static final String CALLBACK_URL = "callback_url";

    static final String CALLBACK_EVENTS = "callback_events";

    JobResource toResource(Map<String, String> hash) {
        String id = hash.get(JobFields.ID);
        String status = hash.getOrDefault(JobFields.STATUS, JobStatus.QUEUED.wireName());
        Instant createdAt = instant(hash.get(JobFields.CREATED_AT));
        Instant startedAt = instant(hash.get(JobFields.STARTED_AT));
        Double duration = decimal(hash.get(JobFields.DURATION_SECONDS));
        Double synthesis = decimal(hash.get(JobFields.SYNTHESIS_SECONDS));
        String paramsJson = hash.get(JobFields.PARAMS);
        return new JobResource(
                id,
                status,
                hash.getOrDefault(JobFields.MODEL, ""),
                orZero(decimal(hash.get(JobFields.PROGRESS))),
                createdAt == null ? Instant.EPOCH : createdAt,
                startedAt,
                instant(hash.get(JobFields.COMPLETED_AT)),
                (int) orZero(decimal(hash.get(JobFields.ATTEMPTS))),
                paramsJson == null ? JobParams.defaults() : json.read(paramsJson, JobParams.class),
                JobStatus.SUCCEEDED.wireName().equals(status)
                        ? new JobResource.Result(
                                "/v1/jobs/" + id + "/audio",
                                "wav",
                                integer(hash.get(JobFields.SAMPLE_RATE)),
                                duration,
                                instant(hash.get(JobFields.EXPIRES_AT)))
                        : null,
                hash.containsKey(JobFields.ERROR_CODE)
                        ? new JobResource.Error(hash.get(JobFields.ERROR_CODE), hash.get(JobFields.ERROR_MESSAGE))
                        : null,
                startedAt == null || createdAt == null
                        ? null
                        : new JobResource.Metrics(
                                Duration.between(createdAt, startedAt).toMillis() / 1000.0,
                                synthesis,
                                synthesis == null || duration == null || duration == 0 ? null : synthesis / duration),
                hash.get(JobFields.BATCH_ID),
                hash.containsKey(JobFields.METADATA) ? json.tree(hash.get(JobFields.METADATA)) : null);
    }

    private static void putIfPresent(Map<String, String> fields, String name, @Nullable String value) {
        if (value != null) {
            fields.put(name, value);
        }
    }

    private static @Nullable Instant instant(@Nullable String value) {
        return value == null || value.isEmpty() ? null : Instant.parse(value);
    }

    private static @Nullable Double decimal(@Nullable String value) {
        return value == null || value.isEmpty() ? null : Double.valueOf(value);
    }

    private static @Nullable Integer integer(@Nullable String value) {
        return value == null || value.isEmpty() ? null : Integer.valueOf(value);
    }

    private static double orZero(@Nullable Double value) {
        return value == null ? 0 : value;
    }
}
