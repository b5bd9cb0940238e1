package org.voicequeue.model.job;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** Lifecycle of a synthesis job; the allowed transitions live here and nowhere else. */
public enum JobStatus {
    QUEUED,
    RUNNING,
    SUCCEEDED,
    FAILED,
    CANCELED;

    public boolean isTerminal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELED;
    }

    /** Allowed next states. RUNNING -> QUEUED is a retry after a retryable failure or a lost worker. */
    public Set<JobStatus> next() {
        return switch (this) {
            case QUEUED -> EnumSet.of(RUNNING, CANCELED, FAILED);
            case RUNNING -> EnumSet.of(QUEUED, SUCCEEDED, FAILED, CANCELED);
            case SUCCEEDED, FAILED, CANCELED -> EnumSet.noneOf(JobStatus.class);
        };
    }

    public boolean canTransitionTo(JobStatus target) {
        return next().contains(target);
    }

    /** The lower-case name used on the wire and in Redis. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static JobStatus fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
