package org.voicequeue.api.batch;

import java.time.Instant;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.voicequeue.api.webhook.WebhookEnqueuer;

/**
 * Queues the {@code batch.completed} webhook of an ended batch in the webhook outbox (signed, retried and
 * SSRF-checked there like every webhook). Safe to call any number of times: the webhook id comes from the batch id
 * and the {@code completed_at} that {@link RedisBatchStore#complete} wrote once, so one completion makes one
 * delivery. See {@link WebhookEnqueuer#batchCompleted} for which {@code callback_events} subscribe.
 */
@Component
class BatchWebhooks {
    private final RedisBatchStore store;
    private final BatchRecords records;
    private final WebhookEnqueuer webhooks;

    BatchWebhooks(RedisBatchStore store, BatchRecords records, WebhookEnqueuer webhooks) {
        this.store = store;
        this.records = records;
        this.webhooks = webhooks;
    }

    /** @return whether a delivery was queued by this call (false: not ended, no callback, or queued before) */
    boolean completedIfEnded(String batchId) {
        Map<String, String> hash = store.hash(batchId);
        String status = hash.get(BatchFields.STATUS);
        String completedAt = hash.get(BatchFields.COMPLETED_AT);
        if (status == null || !BatchCounts.isTerminal(status) || completedAt == null || completedAt.isEmpty()) {
            return false;
        }
        return webhooks.batchCompleted(
                batchId,
                hash.get(BatchFields.CALLBACK_URL),
                hash.get(BatchFields.CALLBACK_EVENTS),
                Instant.parse(completedAt),
                () -> records.toResource(hash));
    }
}
