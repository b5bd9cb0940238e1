package org.voicequeue.worker.synthesis;

/** The job was canceled while it ran; the engine stopped between steps. */
public final class SynthesisCanceledException extends SynthesisException {
    public SynthesisCanceledException(String jobId) {
        super("canceled", "job " + jobId + " was canceled", false);
    }
}
