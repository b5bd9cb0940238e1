package org.voicequeue.api.job;

import org.jspecify.annotations.Nullable;
import org.voicequeue.model.job.JobParams;

/** A submission whose every field passed validation; only this goes on to storage, Redis and Kafka. */
record ValidSubmission(
        byte[] referenceAudio,
        String referenceAudioSha256,
        String referenceText,
        String text,
        String model,
        JobParams params,
        @Nullable String callbackUrl,
        @Nullable String callbackEvents,
        @Nullable String metadata) {}
