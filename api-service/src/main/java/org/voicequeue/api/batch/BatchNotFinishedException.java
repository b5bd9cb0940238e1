package org.voicequeue.api.batch;

import org.voicequeue.api.system.ApiException;

/** The batch has not finished (or not succeeded) yet: no joined audio, nothing to retry. */
public final class BatchNotFinishedException extends ApiException {
    public static final String CODE = "batch_not_finished";

    BatchNotFinishedException(String batchId, String reason) {
        super("Batch " + batchId + " " + reason, batchId);
    }
}
