package org.voicequeue.worker.synthesis;

import org.voicequeue.audio.DecodedAudio;
import org.voicequeue.model.job.JobParams;

/** Everything one synthesis needs; the reference audio is already decoded (any rate, mono). */
public record SynthesisRequest(
        String jobId, String model, DecodedAudio referenceAudio, String referenceText, String text, JobParams params) {}
