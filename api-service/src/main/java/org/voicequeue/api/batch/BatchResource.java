package org.voicequeue.api.batch;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The batch as clients see it; {@code items} in the order submitted. */
record BatchResource(
        String id,
        String status,
        int total,
        int succeeded,
        int failed,
        int canceled,
        List<Item> items,
        Instant createdAt,
        @Nullable Instant completedAt,
        boolean join,
        int pauseMs,
        @Nullable Result result) {

    /** @param itemId the client's id of the item, null when it gave none */
    record Item(@Nullable String itemId, String jobId, String status) {}

    /** The joined audio (join: true), once every item succeeded and the audio was stitched. */
    record Result(
            String audioUrl,
            String format,
            @Nullable Integer sampleRate,
            @Nullable Double durationSeconds,
            @Nullable Instant expiresAt) {}
}
