package org.voicequeue.model.redis;

/** Field names of the {@code vq:job:{id}} hash. Times are RFC 3339 strings; numbers are decimal strings. */
public final class JobFields {
    public static final String ID = "id";
    public static final String OWNER = "owner";
    public static final String STATUS = "status";
    public static final String MODEL = "model";
    public static final String PROGRESS = "progress";
    public static final String CREATED_AT = "created_at";
    public static final String STARTED_AT = "started_at";
    public static final String COMPLETED_AT = "completed_at";
    public static final String ATTEMPTS = "attempts";
    /** JSON of {@link org.voicequeue.model.job.JobParams} in snake_case. */
    public static final String PARAMS = "params";

    public static final String REFERENCE_AUDIO_KEY = "reference_audio_key";
    public static final String REFERENCE_TEXT = "reference_text";
    public static final String TEXT = "text";
    public static final String BATCH_ID = "batch_id";
    /** Raw JSON object text as the client sent it. */
    public static final String METADATA = "metadata";

    public static final String ERROR_CODE = "error_code";
    public static final String ERROR_MESSAGE = "error_message";
    /** "1" when a client asked to cancel a running job; the worker stops between synthesis steps. */
    public static final String CANCEL_REQUESTED = "cancel_requested";

    public static final String WORKER = "worker";
    public static final String SAMPLE_RATE = "sample_rate";
    public static final String DURATION_SECONDS = "duration_seconds";
    public static final String EXPIRES_AT = "expires_at";
    public static final String SYNTHESIS_SECONDS = "synthesis_seconds";

    private JobFields() {}
}
