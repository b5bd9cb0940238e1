package org.voicequeue.api.system;

/** Missing or unknown API key. */
final class UnauthorizedException extends RuntimeException {
    UnauthorizedException(String message) {
        super(message);
    }
}
