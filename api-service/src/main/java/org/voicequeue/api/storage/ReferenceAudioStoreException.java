package org.voicequeue.api.storage;

/** The object store could not take or check the reference audio (down, timed out, refused). */
public final class ReferenceAudioStoreException extends RuntimeException {
    ReferenceAudioStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
