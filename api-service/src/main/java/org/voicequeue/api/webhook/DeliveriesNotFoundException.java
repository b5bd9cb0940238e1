package org.voicequeue.api.webhook;

import org.voicequeue.api.system.ApiException;

/**
 * The job of a deliveries listing does not exist or is not the caller's. Maps to 404 {@code job_not_found}, like
 * {@code JobNotFoundException} (whose constructor is not visible from here).
 */
public final class DeliveriesNotFoundException extends ApiException {
    DeliveriesNotFoundException(String jobId) {
        super("No job " + jobId + " was found.", jobId);
    }
}
