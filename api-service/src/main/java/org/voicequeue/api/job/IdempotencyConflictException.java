package org.voicequeue.api.job;

import org.voicequeue.api.system.ApiException;

/** The Idempotency-Key was used with a different request, or its first request is still being processed. */
public final class IdempotencyConflictException extends ApiException {
    IdempotencyConflictException(String message, String jobId) {
        super(message, jobId);
    }
}
