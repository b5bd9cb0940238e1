package org.voicequeue.api.webhook;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.voicequeue.model.redis.JobFields;
import org.voicequeue.model.redis.RedisKeys;

/** Reads a job's delivery attempts, plus one {@code pending} row per delivery still waiting for its next attempt. */
final class DeliveryHistory {
    private final StringRedisTemplate redis;
    private final AttemptJson json;

    DeliveryHistory(StringRedisTemplate redis, AttemptJson json) {
        this.redis = redis;
        this.json = json;
    }

    /** Empty when the job does not exist or belongs to someone else (the two are indistinguishable to a caller). */
    Optional<List<DeliveryAttempt>> findForOwner(String jobId, String owner) {
        Object jobOwner = redis.opsForHash().get(RedisKeys.job(jobId), JobFields.OWNER);
        if (jobOwner == null || !jobOwner.toString().equals(owner)) {
            return Optional.empty();
        }
        List<DeliveryAttempt> rows = new ArrayList<>();
        List<String> stored = redis.opsForList().range(WebhookKeys.jobDeliveries(jobId), 0, -1);
        for (String attempt : stored == null ? List.<String>of() : stored) {
            rows.add(json.read(attempt));
        }
        Set<String> ids = redis.opsForSet().members(WebhookKeys.jobWebhooks(jobId));
        for (String id : new TreeSet<>(ids == null ? Set.of() : ids)) {
            List<Object> fields = redis.opsForHash().multiGet(WebhookKeys.delivery(id),
                    List.of("state", "event_type", "attempts", "next_at"));
            if (!"pending".equals(fields.get(0)) || fields.get(1) == null) {
                continue;
            }
            int attempts = Integer.parseInt(String.valueOf(fields.get(2)));
            String nextAt = fields.get(3) == null ? null
                    : Instant.ofEpochMilli(Long.parseLong(fields.get(3).toString())).toString();
            rows.add(new DeliveryAttempt(id, fields.get(1).toString(), attempts + 1, null, null, null, null,
                    DeliveryAttempt.PENDING, nextAt));
        }
        return Optional.of(rows);
    }
}
