package org.voicequeue.api.job;

import org.voicequeue.api.system.ApiException;

/** The job succeeded but its audio outlived the result TTL. */
public final class ResultExpiredException extends ApiException {
    ResultExpiredException(String jobId) {
        super("The audio of job " + jobId + " has expired.", jobId);
    }
}
