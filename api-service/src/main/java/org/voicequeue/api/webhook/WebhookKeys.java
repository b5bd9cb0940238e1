package org.voicequeue.api.webhook;

import org.voicequeue.model.redis.RedisKeys;

/**
 * The Redis keys of webhook deliveries; the layout is described in {@code package-info.java}. A delivery belongs to a
 * subject: a job ({@code job_…}) for job events, a batch ({@code batch_…}) for {@code batch.completed}. Its history
 * keys hang off the subject's own hash key, so they read like the rest of that subject's keys.
 */
public final class WebhookKeys {
    static final String DELIVERY_PREFIX = RedisKeys.PREFIX + "webhook:delivery:";
    static final String DUE = RedisKeys.PREFIX + "webhook:due";
    static final String IN_FLIGHT = RedisKeys.PREFIX + "webhook:inflight";
    /** Batch ids start with this; a batch hash is {@code vq:batch:{id}} (the batch package keeps its keys private). */
    static final String BATCH_ID_PREFIX = "batch_";

    private WebhookKeys() {}

    /** {@code vq:webhook:delivery:{webhookId}} hash: one delivery and its state. */
    public static String delivery(String webhookId) {
        return DELIVERY_PREFIX + webhookId;
    }

    /** {@code vq:job:{id}:deliveries} list: the JSON attempt records of a job's deliveries, oldest first. */
    public static String jobDeliveries(String jobId) {
        return deliveries(jobId);
    }

    /** {@code vq:job:{id}:webhooks} set: the webhook ids created for a job. */
    public static String jobWebhooks(String jobId) {
        return webhooks(jobId);
    }

    /** {@code vq:batch:{id}:deliveries} list: the attempt records of a batch's {@code batch.completed} deliveries. */
    public static String batchDeliveries(String batchId) {
        return deliveries(batchId);
    }

    /** {@code <subject>:deliveries} list: attempt records, oldest first. */
    static String deliveries(String subjectId) {
        return subject(subjectId) + ":deliveries";
    }

    /** {@code <subject>:webhooks} set: the webhook ids created for the subject (to show pending ones). */
    static String webhooks(String subjectId) {
        return subject(subjectId) + ":webhooks";
    }

    /**
     * The hash of a delivery's subject: {@code vq:batch:{id}} for a batch id, else {@code vq:job:{id}}. Job ids are
     * {@code job_} + ULID, so the two never collide.
     */
    static String subject(String subjectId) {
        return subjectId.startsWith(BATCH_ID_PREFIX)
                ? RedisKeys.PREFIX + "batch:" + subjectId
                : RedisKeys.job(subjectId);
    }
}
