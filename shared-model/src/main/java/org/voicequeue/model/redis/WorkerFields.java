package org.voicequeue.model.redis;

/** Field names of the {@code vq:workers:{workerId}} heartbeat hash. */
public final class WorkerFields {
    /** JSON array of {@link org.voicequeue.model.model.ModelInfo} in snake_case. */
    public static final String MODELS = "models";
    /** Execution provider in use, e.g. {@code CPU} or {@code CUDA:0}. */
    public static final String PROVIDER = "provider";

    public static final String HEARTBEAT_AT = "heartbeat_at";

    private WorkerFields() {}
}
