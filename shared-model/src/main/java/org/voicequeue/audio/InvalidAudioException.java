package org.voicequeue.audio;

/** The bytes are not audio we can decode; the message is safe to show a client (no internals). */
public final class InvalidAudioException extends Exception {
    public InvalidAudioException(String message) {
        super(message);
    }

    public InvalidAudioException(String message, Throwable cause) {
        super(message, cause);
    }
}
