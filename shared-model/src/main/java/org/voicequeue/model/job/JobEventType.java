package org.voicequeue.model.job;

import java.util.Locale;

/** What happened to a job, as published on {@link org.voicequeue.model.kafka.Topics#JOB_EVENTS}. */
public enum JobEventType {
    STARTED,
    COMPLETED,
    FAILED,
    CANCELED;

    /** The Standard Webhooks event type, e.g. {@code job.completed}. */
    public String webhookType() {
        return "job." + name().toLowerCase(Locale.ROOT);
    }

    public static JobEventType forTerminal(JobStatus status) {
        return switch (status) {
            case SUCCEEDED -> COMPLETED;
            case FAILED -> FAILED;
            case CANCELED -> CANCELED;
            default -> throw new IllegalArgumentException("not terminal: " + status);
        };
    }
}
