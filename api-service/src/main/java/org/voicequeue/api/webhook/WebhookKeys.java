package org.voicequeue.api.webhook;

import org.voicequeue.model.redis.RedisKeys;

/** The Redis keys of webhook deliveries; the layout is described in {@code package-info.java}. */
public final class WebhookKeys {
    static final String DELIVERY_PREFIX = RedisKeys.PREFIX + "webhook:delivery:";
    static final String DUE = RedisKeys.PREFIX + "webhook:due";
    static final String IN_FLIGHT = RedisKeys.PREFIX + "webhook:inflight";

    private WebhookKeys() {}

    /** {@code vq:webhook:delivery:{webhookId}} hash: one delivery and its state. */
    public static String delivery(String webhookId) {
        return DELIVERY_PREFIX + webhookId;
    }

    /** {@code vq:job:{id}:deliveries} list: the JSON attempt records of a job's deliveries, oldest first. */
    public static String jobDeliveries(String jobId) {
        return RedisKeys.job(jobId) + ":deliveries";
    }

    /** {@code vq:job:{id}:webhooks} set: the webhook ids created for a job. */
    public static String jobWebhooks(String jobId) {
        return RedisKeys.job(jobId) + ":webhooks";
    }
}
