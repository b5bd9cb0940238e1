package org.voicequeue.api.webhook;

import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.kafka.annotation.KafkaListener;
import org.voicequeue.model.job.JobEvent;
import org.voicequeue.model.kafka.Topics;
import org.voicequeue.model.redis.RedisKeys;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns job events into webhook deliveries: one per event whose job has a {@code callback_url} and subscribed to the
 * event's type. Only reads Redis and adds to the outbox, so it never waits on a receiver. A Redis failure is thrown,
 * and the container's error handler retries the record (see {@link WebhookConfiguration}); a redelivered event finds
 * its delivery already there and adds nothing.
 */
final class JobEventWebhookListener {
    private static final Logger log = LoggerFactory.getLogger(JobEventWebhookListener.class);
    /** The wire format of JobEvent as the worker writes it: snake_case JSON. */
    private static final JsonMapper EVENTS = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final StringRedisTemplate redis;
    private final WebhookEnqueuer webhooks;
    private final JobResourceSource jobs;

    JobEventWebhookListener(StringRedisTemplate redis, WebhookEnqueuer webhooks, JobResourceSource jobs) {
        this.redis = redis;
        this.webhooks = webhooks;
        this.jobs = jobs;
    }

    @KafkaListener(
            id = "voicequeue-webhooks",
            topics = Topics.JOB_EVENTS,
            groupId = "${voicequeue.webhook.consumer-group:voicequeue-webhooks}",
            containerFactory = WebhookConfiguration.CONTAINER_FACTORY)
    void onEvent(ConsumerRecord<String, byte[]> record) {
        Optional<JobEvent> event = read(record);
        event.ifPresent(this::handle);
    }

    void handle(JobEvent event) {
        List<Object> fields = redis.opsForHash()
                .multiGet(
                        RedisKeys.job(event.jobId()),
                        List.of(CallbackFields.CALLBACK_URL, CallbackFields.CALLBACK_EVENTS));
        Object url = fields.get(0);
        Object subscribed = fields.get(1);
        if (url == null
                || url.toString().isBlank()
                || !CallbackEvents.includes(subscribed == null ? null : subscribed.toString(), event.type())) {
            return;
        }
        Optional<Object> resource = jobs.findJobResource(event.jobId());
        if (resource.isEmpty()) {
            log.warn("Job {} is gone; no webhook for event {}", event.jobId(), event.eventId());
            return;
        }
        String webhookId = Delivery.webhookIdFor(event.eventId());
        String type = event.type().webhookType();
        if (webhooks.enqueue(webhookId, event.jobId(), type, url.toString(), event.occurredAt(), resource.get())) {
            log.info("Webhook {} queued for job {} ({})", webhookId, event.jobId(), type);
        }
    }

    private static Optional<JobEvent> read(ConsumerRecord<String, byte[]> record) {
        try {
            JobEvent event = EVENTS.readValue(record.value(), JobEvent.class);
            if (event.schemaVersion() != JobEvent.SCHEMA_VERSION
                    || event.jobId() == null
                    || event.eventId() == null
                    || event.type() == null
                    || event.occurredAt() == null) {
                log.warn(
                        "Skipping job event at {}-{}@{}: unsupported or incomplete",
                        record.topic(),
                        record.partition(),
                        record.offset());
                return Optional.empty();
            }
            return Optional.of(event);
        } catch (RuntimeException e) { // a poison record must not block the partition
            log.warn(
                    "Skipping unreadable job event at {}-{}@{}: {}",
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    e.getClass().getSimpleName());
            return Optional.empty();
        }
    }
}
