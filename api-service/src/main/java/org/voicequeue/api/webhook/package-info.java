/**
 * Signed webhook deliveries (Standard Webhooks) for job events and for {@code batch.completed}.
 *
 * <p>Flow: the worker publishes {@link org.voicequeue.model.job.JobEvent}s to
 * {@link org.voicequeue.model.kafka.Topics#JOB_EVENTS}; {@link JobEventWebhookListener} (consumer group
 * {@code voicequeue-webhooks}) turns each event the job subscribed to into one delivery in a durable Redis outbox;
 * {@link WebhookDispatcher} claims due deliveries under a lease, {@link WebhookSender} posts them (signed, to the
 * address {@link CallbackUrlPolicy} checked), and every attempt is recorded for {@code GET /v1/jobs/{id}/deliveries}.
 * The batch feature queues {@code batch.completed} through {@link WebhookEnqueuer} into the same outbox (subject: the
 * batch id; listed by {@code GET /v1/batches/{id}/deliveries}). Nothing here runs on a GPU worker.
 *
 * <p>Redis keys owned by this package (see {@link WebhookKeys}):
 * <ul>
 *   <li>{@code vq:webhook:delivery:{webhookId}} hash: one delivery (field {@code job_id}: the job id, or the batch id
 *       of {@code batch.completed}; event type, url, the exact body, attempts, created/deadline millis, state
 *       {@code pending|delivered|given_up}, lease token while in flight); expires {@code history-ttl} after it
 *       finished. Created only if absent, so a redelivered event makes no second one.
 *   <li>{@code vq:webhook:due} sorted set: pending webhook ids scored by next-attempt epoch millis
 *   <li>{@code vq:webhook:inflight} sorted set: claimed webhook ids scored by lease expiry millis; a lapsed lease goes
 *       back to due
 *   <li>{@code vq:job:{id}:deliveries} list (a batch's: {@code vq:batch:{id}:deliveries}): one JSON attempt record
 *       per attempt, oldest first; TTL {@code history-ttl}
 *   <li>{@code vq:job:{id}:webhooks} set (a batch's: {@code vq:batch:{id}:webhooks}): the webhook ids of a job or
 *       batch (to show pending ones); TTL {@code history-ttl}
 * </ul>
 *
 * <p>Job hash fields read (written by the job submission): {@code callback_url}, {@code callback_events},
 * {@code owner} (see {@link CallbackFields}); of a batch hash only {@code owner}, for the deliveries listing.
 */
@NullMarked
package org.voicequeue.api.webhook;

import org.jspecify.annotations.NullMarked;
