package org.voicequeue.api.webhook;

import org.voicequeue.api.system.ApiException;

/**
 * The batch of a deliveries listing does not exist or is not the caller's. Maps to 404 {@code batch_not_found}, like
 * the batch feature's own not-found answer.
 */
public final class BatchDeliveriesNotFoundException extends ApiException {
    BatchDeliveriesNotFoundException(String batchId) {
        super("No batch " + batchId + " was found.", batchId);
    }
}
