package org.voicequeue.api.batch;

import org.voicequeue.api.system.ApiException;

/** No batch with this id belongs to the caller (another owner's batch is not found either). */
public final class BatchNotFoundException extends ApiException {
    public static final String CODE = "batch_not_found";

    BatchNotFoundException(String batchId) {
        super("No batch " + batchId + " was found.", batchId);
    }
}
