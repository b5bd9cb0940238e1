package org.voicequeue.api.batch;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.voicequeue.api.job.ResolvedReference;
import org.voicequeue.model.job.JobParams;

/** A batch whose every field and item passed validation; only this goes on to storage, Redis and Kafka. */
record ValidBatch(
        ResolvedReference reference,
        List<Item> items,
        boolean join,
        int pauseMs,
        @Nullable String callbackUrl,
        @Nullable String callbackEvents,
        @Nullable String metadata) {

    /** One item with its parameters resolved (its overrides over the batch's). */
    record Item(
            @Nullable String id,
            String text,
            String model,
            JobParams params,
            @Nullable String metadata) {}
}
