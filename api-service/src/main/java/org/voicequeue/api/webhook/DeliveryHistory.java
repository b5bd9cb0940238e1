package org.voicequeue.api.webhook;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.voicequeue.model.redis.JobFields;

/**
 * Reads the delivery attempts of a job or a batch (its subject, see {@link WebhookKeys#subject(String)}), plus one
 * {@code pending} row per delivery still waiting for its next attempt.
 */
final class DeliveryHistory {
    private final StringRedisTemplate redis;
    private final AttemptJson json;

    DeliveryHistory(StringRedisTemplate redis, AttemptJson json) {
        this.redis = redis;
        this.json = json;
    }

    /**
     * Empty when the job or batch does not exist or belongs to someone else (the two are indistinguishable to a
     * caller). Job and batch hashes both keep their owner in the field {@code owner}.
     */
    Optional<List<DeliveryAttempt>> findForOwner(String subjectId, String owner) {
        Object subjectOwner = redis.opsForHash().get(WebhookKeys.subject(subjectId), JobFields.OWNER);
        if (subjectOwner == null || !subjectOwner.toString().equals(owner)) {
            return Optional.empty();
        }
        List<DeliveryAttempt> rows = new ArrayList<>();
        List<String> stored = redis.opsForList().range(WebhookKeys.deliveries(subjectId), 0, -1);
        for (String attempt : stored == null ? List.<String>of() : stored) {
            rows.add(json.read(attempt));
        }
        Set<String> ids = redis.opsForSet().members(WebhookKeys.webhooks(subjectId));
        for (String id : new TreeSet<>(ids == null ? Set.of() : ids)) {
            List<Object> fields = redis.opsForHash()
                    .multiGet(WebhookKeys.delivery(id), List.of("state", "event_type", "attempts", "next_at"));
            if (!"pending".equals(fields.get(0)) || fields.get(1) == null) {
                continue;
            }
            int attempts = Integer.parseInt(String.valueOf(fields.get(2)));
            String nextAt = fields.get(3) == null
                    ? null
                    : Instant.ofEpochMilli(Long.parseLong(fields.get(3).toString()))
                            .toString();
            rows.add(new DeliveryAttempt(
                    id,
                    fields.get(1).toString(),
                    attempts + 1,
                    null,
                    null,
                    null,
                    null,
                    DeliveryAttempt.PENDING,
                    nextAt));
        }
        return Optional.of(rows);
    }
}
