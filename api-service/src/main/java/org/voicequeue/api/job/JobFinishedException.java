package org.voicequeue.api.job;

import org.voicequeue.api.system.ApiException;

/** A finished job cannot be canceled. */
public final class JobFinishedException extends ApiException {
    JobFinishedException(String jobId, String status) {
        super("Job " + jobId + " is already " + status + " and cannot be canceled.", jobId);
    }
}
