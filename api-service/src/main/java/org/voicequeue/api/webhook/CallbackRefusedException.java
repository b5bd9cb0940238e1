package org.voicequeue.api.webhook;

/** A callback URL that may not be called (now); the message is a reason safe to show the job's owner. */
final class CallbackRefusedException extends Exception {
    CallbackRefusedException(String reason) {
        super(reason);
    }
}
