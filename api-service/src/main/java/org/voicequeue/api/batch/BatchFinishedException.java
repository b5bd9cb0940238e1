package org.voicequeue.api.batch;

import org.voicequeue.api.system.ApiException;

/** The batch has finished: nothing left to cancel, or nothing failed to retry. */
public final class BatchFinishedException extends ApiException {
    public static final String CODE = "batch_finished";

    BatchFinishedException(String batchId, String reason) {
        super("Batch " + batchId + " " + reason, batchId);
    }
}
