package org.voicequeue.api.system;

import org.jspecify.annotations.Nullable;

/** A backing service (Kafka, Redis, object store) could not take the request; the client should retry later. */
public final class ServiceUnavailableException extends RuntimeException {
    private final @Nullable String jobId;

    public ServiceUnavailableException(String message, @Nullable String jobId, Throwable cause) {
        super(message, cause);
        this.jobId = jobId;
    }

    public @Nullable String jobId() {
        return jobId;
    }
}
