package org.voicequeue.worker.storage;

/** The object store did not answer or answered with a server error; a later try may succeed. */
public final class StorageUnavailableException extends Exception {
    public StorageUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
