package org.voicequeue.model.job;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A fact about a job (started, completed, failed, canceled), keyed by job id; consumed by webhooks and batches. */
public record JobEvent(
        int schemaVersion,
        String eventId,
        JobEventType type,
        String jobId,
        String owner,
        @Nullable String batchId,
        JobStatus status,
        @Nullable String errorCode,
        Instant occurredAt) {

    public static final int SCHEMA_VERSION = 1;
}
