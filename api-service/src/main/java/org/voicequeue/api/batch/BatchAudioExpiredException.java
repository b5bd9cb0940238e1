package org.voicequeue.api.batch;

import org.voicequeue.api.system.ApiException;

/** The joined audio outlived the result TTL. */
public final class BatchAudioExpiredException extends ApiException {
    BatchAudioExpiredException(String batchId) {
        super("The joined audio of batch " + batchId + " has expired.", batchId);
    }
}
