package org.voicequeue.api.job;

import org.voicequeue.api.system.ApiException;

/** The audio of a job was asked for before the job succeeded. */
public final class JobNotFinishedException extends ApiException {
    JobNotFinishedException(String jobId, String status) {
        super("Job " + jobId + " has no audio: its status is " + status + ".", jobId);
    }
}
