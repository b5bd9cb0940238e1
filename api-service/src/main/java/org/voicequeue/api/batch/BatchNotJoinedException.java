package org.voicequeue.api.batch;

import org.voicequeue.api.system.ApiException;

/** Joined audio was asked for a batch submitted without {@code join: true}, or its audio could not be joined. */
public final class BatchNotJoinedException extends ApiException {
    public static final String CODE = "batch_not_joined";

    BatchNotJoinedException(String batchId, String reason) {
        super("Batch " + batchId + " " + reason, batchId);
    }
}
