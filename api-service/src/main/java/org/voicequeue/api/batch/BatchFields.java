package org.voicequeue.api.batch;

/** Fields of the {@code vq:batch:{id}} hash (counts and times as strings), plus the item id field of a job hash. */
final class BatchFields {
    static final String ID = "id";
    static final String OWNER = "owner";
    static final String STATUS = "status";
    static final String TOTAL = "total";
    static final String SUCCEEDED = "succeeded";
    static final String FAILED = "failed";
    static final String CANCELED = "canceled";
    static final String CREATED_AT = "created_at";
    static final String COMPLETED_AT = "completed_at";
    static final String JOIN = "join";
    static final String PAUSE_MS = "pause_ms";
    static final String CALLBACK_URL = "callback_url";
    static final String CALLBACK_EVENTS = "callback_events";
    static final String METADATA = "metadata";
    /** "1" once the client canceled the batch. */
    static final String CANCEL_REQUESTED = "cancel_requested";
    /** "ready" once the joined WAV is stored; {@link #AUDIO_ERROR} says why it could not be. */
    static final String AUDIO_STATE = "audio_state";

    static final String AUDIO_ERROR = "audio_error";
    static final String SAMPLE_RATE = "sample_rate";
    static final String DURATION_SECONDS = "duration_seconds";
    static final String EXPIRES_AT = "expires_at";
    /** In the job hash of an item: the client's item id. */
    static final String ITEM_ID = "batch_item_id";

    private BatchFields() {}
}
