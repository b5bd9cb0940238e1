package org.voicequeue.model.job;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Kafka payload on {@link org.voicequeue.model.kafka.Topics#JOBS}, keyed by job id. Large data (the reference
 * audio) stays in the object store; the message carries its key.
 */
public record JobSubmitted(
        int schemaVersion,
        String jobId,
        String owner,
        String model,
        String referenceAudioKey,
        String referenceText,
        String text,
        JobParams params,
        Instant submittedAt,
        @Nullable String batchId) {

    public static final int SCHEMA_VERSION = 1;

    public JobSubmitted {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(referenceAudioKey, "referenceAudioKey");
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(submittedAt, "submittedAt");
    }
}
