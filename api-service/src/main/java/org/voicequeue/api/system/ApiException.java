package org.voicequeue.api.system;

/**
 * An expected, client-caused outcome of a feature (job not found, job still running...). Each subclass has one row
 * in {@link ProblemTable}; the message is safe to show a client.
 */
public abstract class ApiException extends RuntimeException {
    private final String jobId;

    protected ApiException(String message, String jobId) {
        super(message);
        this.jobId = jobId;
    }

    public String jobId() {
        return jobId;
    }
}
