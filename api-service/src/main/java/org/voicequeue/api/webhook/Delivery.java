package org.voicequeue.api.webhook;

import java.time.Instant;

/**
 * A webhook delivery as kept in the outbox: the exact body is stored so every attempt sends (and signs) the same
 * bytes; only {@code webhook-timestamp} changes between attempts, as the specification intends.
 *
 * @param subjectId what the delivery is about: the job id of a job event, the batch id of {@code batch.completed}
 *     (stored as {@code job_id} in the delivery hash; see {@link WebhookKeys#subject(String)})
 * @param attempts attempts made so far
 * @param deadline an attempt failing at or after this instant is the last (queued time + retry window)
 */
record Delivery(
        String webhookId, String subjectId, String eventType, String url, String body, int attempts, Instant deadline) {

    /** {@code msg_<eventId>}: stable per event, so a retried or re-published event keeps its id. */
    static String webhookIdFor(String eventId) {
        return "msg_" + eventId.replace('.', '_');
    }
}
