package org.voicequeue.worker.storage;

/** The job names a reference audio object that is not in the bucket; retrying will not help. */
public final class ReferenceAudioMissingException extends Exception {
    public ReferenceAudioMissingException(String key) {
        super("reference audio " + key + " is not in the object store");
    }
}
