package org.voicequeue.model.kafka;

/** Kafka topic names; every message is keyed by its job id so one job's messages stay ordered. */
public final class Topics {
    /** {@link org.voicequeue.model.job.JobSubmitted} messages; partitions are configured (default 12). */
    public static final String JOBS = "voicequeue.jobs";
    /** Submissions that failed permanently or could not be read, with the reason in headers. */
    public static final String JOBS_DEAD_LETTER = "voicequeue.jobs.dlt";
    /** {@link org.voicequeue.model.job.JobEvent} messages for webhooks and batches. */
    public static final String JOB_EVENTS = "voicequeue.job-events";

    /** Header on dead letters: the stable error code. */
    public static final String HEADER_ERROR_CODE = "vq-error-code";

    private Topics() {}
}
