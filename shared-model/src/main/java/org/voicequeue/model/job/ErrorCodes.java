package org.voicequeue.model.job;

/** Stable machine-readable error codes, shared by problem answers and failed jobs. */
public final class ErrorCodes {
    public static final String VALIDATION_FAILED = "validation_failed";
    public static final String INVALID_AUDIO = "invalid_audio";
    public static final String TEXT_TOO_LONG = "text_too_long";
    public static final String UNKNOWN_MODEL = "unknown_model";
    public static final String JOB_NOT_FOUND = "job_not_found";
    public static final String JOB_NOT_FINISHED = "job_not_finished";
    public static final String JOB_FINISHED = "job_finished";
    public static final String RESULT_EXPIRED = "result_expired";
    public static final String PAYLOAD_TOO_LARGE = "payload_too_large";
    public static final String UNSUPPORTED_MEDIA_TYPE = "unsupported_media_type";
    public static final String IDEMPOTENCY_CONFLICT = "idempotency_conflict";
    public static final String RATE_LIMITED = "rate_limited";
    public static final String SERVICE_UNAVAILABLE = "service_unavailable";
    public static final String NOT_FOUND = "not_found";
    public static final String METHOD_NOT_ALLOWED = "method_not_allowed";
    public static final String INTERNAL_ERROR = "internal_error";
    /** Job failures. */
    public static final String MODEL_UNAVAILABLE = "model_unavailable";

    public static final String REFERENCE_AUDIO_MISSING = "reference_audio_missing";
    public static final String SYNTHESIS_FAILED = "synthesis_failed";
    public static final String RETRIES_EXHAUSTED = "retries_exhausted";

    private ErrorCodes() {}
}
