package org.voicequeue.api.job;

import org.jspecify.annotations.Nullable;

/** {@code GET /v1/jobs/{id}/audio} as JSON. */
record AudioResource(
        String id,
        String format,
        @Nullable Integer sampleRate,
        @Nullable Double durationSeconds,
        String audioBase64) {}
