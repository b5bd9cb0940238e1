package org.voicequeue.api.batch;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.voicequeue.model.job.JobStatus;

/**
 * What one item's end means for its batch: count it (once per job), apply the batch status when every item has
 * ended, join the audio when due, queue the {@code batch.completed} webhook, and release the next waiting item. Every
 * step is safe to repeat, so a redelivered event (or one counted already by a cancel) changes nothing twice.
 */
@Component
class BatchProgress {
    private static final Logger log = LoggerFactory.getLogger(BatchProgress.class);

    private final RedisBatchStore store;
    private final BatchReleaser releaser;
    private final BatchStitcher stitcher;
    private final BatchWebhooks webhooks;

    BatchProgress(RedisBatchStore store, BatchReleaser releaser, BatchStitcher stitcher, BatchWebhooks webhooks) {
        this.store = store;
        this.releaser = releaser;
        this.stitcher = stitcher;
        this.webhooks = webhooks;
    }

    void itemStarted(String batchId) {
        store.markRunning(batchId);
    }

    /** @param status the job's terminal status */
    void itemEnded(String batchId, String owner, String jobId, JobStatus status) {
        Optional<List<@Nullable String>> counts = store.count(batchId, jobId, countField(status));
        if (counts.isEmpty()) {
            log.debug("Event of job {} for unknown batch {} ignored", jobId, batchId);
            return;
        }
        settle(batchId, counts.get());
        releaser.release(batchId, owner);
    }

    /** Applies the status the counts mean (terminal once); used after counting and after a cancel. */
    void settle(String batchId, List<@Nullable String> values) {
        BatchCounts counts = new BatchCounts(
                integer(values.get(0)),
                integer(values.get(1)),
                integer(values.get(2)),
                integer(values.get(3)),
                "1".equals(values.get(4)));
        String status = counts.status(true);
        if (BatchCounts.isTerminal(status)) {
            // The join first, so a client (or webhook) that sees succeeded also gets the audio_url. Both steps, and
            // the webhook, run every time, not only when this call completed the batch: a crash or Redis failure in
            // between is repaired by the redelivered event, and every step is idempotent.
            stitcher.stitchIfDue(batchId, status);
            if (store.complete(
                    batchId,
                    status,
                    Instant.now().truncatedTo(ChronoUnit.MILLIS).toString())) {
                log.info(
                        "Batch {} {}: {} succeeded, {} failed, {} canceled of {}",
                        batchId,
                        status,
                        counts.succeeded(),
                        counts.failed(),
                        counts.canceled(),
                        counts.total());
            }
            webhooks.completedIfEnded(batchId);
        } else {
            store.markRunning(batchId);
        }
    }

    static String countField(JobStatus status) {
        return switch (status) {
            case SUCCEEDED -> BatchFields.SUCCEEDED;
            case FAILED -> BatchFields.FAILED;
            case CANCELED -> BatchFields.CANCELED;
            default -> throw new IllegalArgumentException("not an ending: " + status);
        };
    }

    private static int integer(@Nullable String value) {
        return value == null || value.isEmpty() ? 0 : Integer.parseInt(value);
    }
}
