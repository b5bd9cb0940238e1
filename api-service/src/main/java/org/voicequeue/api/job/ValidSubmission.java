package org.voicequeue.api.job;

import org.jspecify.annotations.Nullable;
import org.voicequeue.model.job.JobParams;

/**
 * A submission whose every field passed validation; only this goes on to storage, Redis and Kafka.
 *
 * @param referenceAudio new bytes to store, or null when {@code storedReferenceKey} names a stored voice's audio
 * @param storedReferenceKey the object key of a stored voice's audio (voice_id), else null
 */
record ValidSubmission(
        byte @Nullable [] referenceAudio,
        @Nullable String referenceAudioSha256,
        @Nullable String storedReferenceKey,
        String referenceText,
        String text,
        String model,
        JobParams params,
        @Nullable String callbackUrl,
        @Nullable String callbackEvents,
        @Nullable String metadata) {}
