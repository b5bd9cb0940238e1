package org.voicequeue.api.job;

import org.voicequeue.api.system.ApiException;

/** No job with this id belongs to the caller (another owner's job is not found either). */
public final class JobNotFoundException extends ApiException {
    JobNotFoundException(String jobId) {
        super("No job " + jobId + " was found.", jobId);
    }
}
