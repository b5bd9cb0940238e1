package org.voicequeue.worker.synthesis;

/**
 * A synthesis that did not produce audio. {@link #code()} is the stable error code the job reports;
 * {@link #retryable()} decides between a retry with backoff and a permanent failure (dead-letter topic).
 */
public class SynthesisException extends Exception {
    private final String code;
    private final boolean retryable;

    public SynthesisException(String code, String message, boolean retryable) {
        super(message);
        this.code = code;
        this.retryable = retryable;
    }

    public SynthesisException(String code, String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.retryable = retryable;
    }

    public String code() {
        return code;
    }

    public boolean retryable() {
        return retryable;
    }
}
