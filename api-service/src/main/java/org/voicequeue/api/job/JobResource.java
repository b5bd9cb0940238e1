package org.voicequeue.api.job;

import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.voicequeue.model.job.JobParams;
import tools.jackson.databind.JsonNode;

/** The job as clients see it ({@code GET /v1/jobs/{id}}); built from the Redis hash by {@link JobRecords}. */
record JobResource(
        String id,
        String status,
        String model,
        double progress,
        Instant createdAt,
        @Nullable Instant startedAt,
        @Nullable Instant completedAt,
        int attempts,
        JobParams params,
        @Nullable Result result,
        @Nullable Error error,
        @Nullable Metrics metrics,
        @Nullable String batchId,
        @Nullable JsonNode metadata) {

    record Result(
            String audioUrl,
            String format,
            @Nullable Integer sampleRate,
            @Nullable Double durationSeconds,
            @Nullable Instant expiresAt) {}

    record Error(String code, @Nullable String message) {}

    record Metrics(
            @Nullable Double queueSeconds,
            @Nullable Double synthesisSeconds,
            @Nullable Double realTimeFactor) {}
}
