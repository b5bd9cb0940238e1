package org.voicequeue.api.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voicequeue.model.job.JobEventType;
import tools.jackson.databind.json.JsonMapper;

/**
 * Puts webhooks into the outbox with the Standard Webhooks body {@code {type, timestamp, data}}. Job events
 * ({@link JobEventWebhookListener}) and {@code batch.completed} (the batch feature) both come through here, so every
 * webhook is stored, retried, signed and SSRF-checked ({@link WebhookSender}) the same way.
 */
public final class WebhookEnqueuer {
    static final String BATCH_COMPLETED = "batch.completed";
    private static final Logger log = LoggerFactory.getLogger(WebhookEnqueuer.class);

    private final RedisDeliveryOutbox outbox;
    private final JsonMapper bodyMapper;
    private final Duration retryWindow;
    private final Clock clock;

    WebhookEnqueuer(RedisDeliveryOutbox outbox, JsonMapper bodyMapper, Duration retryWindow, Clock clock) {
        this.outbox = outbox;
        this.bodyMapper = bodyMapper;
        this.retryWindow = retryWindow;
        this.clock = clock;
    }

    /**
     * Queues {@code batch.completed} for a batch that has reached a terminal status (succeeded, partially_failed,
     * failed or canceled), once per completion: the webhook id comes from the batch id and its {@code completed_at},
     * so a redelivered job event, or another api instance settling the same batch, finds it queued already. A batch
     * that is retried and completes again gets a new completion time, hence a second webhook.
     *
     * <p>Sent when {@code callback_events} includes {@code completed} (the default); a list without it, such as
     * {@code started}, subscribes a batch to nothing, since {@code batch.completed} is its only event.
     *
     * @param batch renders the batch resource; called only when a delivery is queued
     * @return whether a delivery was queued by this call
     */
    public boolean batchCompleted(
            String batchId,
            @Nullable String callbackUrl,
            @Nullable String callbackEvents,
            Instant completedAt,
            Supplier<Object> batch) {
        if (callbackUrl == null || callbackUrl.isBlank() || !wantsBatchCompleted(callbackEvents)) {
            return false;
        }
        String webhookId = batchCompletedId(batchId, completedAt);
        if (outbox.exists(webhookId)) { // a duplicate event: spare rendering a large batch again
            return false;
        }
        boolean queued = enqueue(webhookId, batchId, BATCH_COMPLETED, callbackUrl, completedAt, batch.get());
        if (queued) {
            log.info("Webhook {} queued for batch {} ({})", webhookId, batchId, BATCH_COMPLETED);
        }
        return queued;
    }

    static boolean wantsBatchCompleted(@Nullable String callbackEvents) {
        return CallbackEvents.includes(callbackEvents, JobEventType.COMPLETED);
    }

    /** {@code msg_<batchId>_completed_<completed_at epoch millis>}: no dots (they delimit the signed content). */
    static String batchCompletedId(String batchId, Instant completedAt) {
        return "msg_" + batchId + "_completed_" + completedAt.toEpochMilli();
    }

    /** Adds one delivery unless its webhook id exists; returns whether it was added. */
    boolean enqueue(String webhookId, String subjectId, String type, String url, Instant occurredAt, Object data) {
        Instant now = clock.instant();
        Delivery delivery = new Delivery(
                webhookId, subjectId, type, url, body(bodyMapper, type, occurredAt, data), 0, now.plus(retryWindow));
        return outbox.enqueue(delivery, now);
    }

    /** The exact bytes every attempt sends: {@code {"type", "timestamp", "data"}}. */
    static String body(JsonMapper mapper, String type, Instant occurredAt, Object data) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("type", type);
        envelope.put("timestamp", occurredAt.toString());
        envelope.put("data", data);
        return mapper.writeValueAsString(envelope);
    }
}
