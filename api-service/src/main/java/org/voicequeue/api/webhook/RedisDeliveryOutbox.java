package org.voicequeue.api.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * The durable outbox of webhook deliveries in Redis (keys in {@link WebhookKeys}). Every state change is one Lua
 * script, so two api instances, or a crash between two commands, can neither lose a delivery nor make two.
 *
 * <p>Claiming moves due ids to an in-flight set scored by lease expiry and stamps a lease token; only the holder of
 * that token can record the attempt. A lease that lapses (the sender died) goes back to due, so at worst a delivery
 * is sent twice with the same {@code webhook-id}, which receivers de-duplicate on.
 */
final class RedisDeliveryOutbox {
    private static final RedisScript<Long> ENQUEUE = RedisScript.of("""
            if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
            redis.call('HSET', KEYS[1], 'job_id', ARGV[3], 'event_type', ARGV[4], 'url', ARGV[5], 'body', ARGV[6],
                'attempts', '0', 'created_at', ARGV[2], 'deadline', ARGV[7], 'state', 'pending', 'next_at', ARGV[2])
            redis.call('ZADD', KEYS[2], ARGV[2], ARGV[1])
            redis.call('SADD', KEYS[3], ARGV[1])
            redis.call('PEXPIRE', KEYS[3], ARGV[8])
            return 1
            """, Long.class);

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static final RedisScript<List<String>> CLAIM = (RedisScript) RedisScript.of("""
            local lapsed = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', ARGV[1], 'LIMIT', 0, 100)
            for _, id in ipairs(lapsed) do
              redis.call('ZREM', KEYS[2], id)
              redis.call('HDEL', ARGV[5] .. id, 'lease')
              redis.call('ZADD', KEYS[1], ARGV[1], id)
            end
            local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[3]))
            for _, id in ipairs(ids) do
              redis.call('ZREM', KEYS[1], id)
              redis.call('ZADD', KEYS[2], ARGV[2], id)
              redis.call('HSET', ARGV[5] .. id, 'lease', ARGV[4])
            end
            return ids
            """, List.class);

    private static final RedisScript<Long> RECORD = RedisScript.of("""
            if redis.call('HGET', KEYS[1], 'lease') ~= ARGV[2] then return 0 end
            redis.call('ZREM', KEYS[3], ARGV[1])
            redis.call('HDEL', KEYS[1], 'lease')
            redis.call('HSET', KEYS[1], 'attempts', ARGV[7])
            redis.call('RPUSH', KEYS[4], ARGV[5])
            redis.call('PEXPIRE', KEYS[4], ARGV[6])
            redis.call('PEXPIRE', KEYS[5], ARGV[6])
            if ARGV[3] == 'failed' then
              redis.call('HSET', KEYS[1], 'next_at', ARGV[4])
              redis.call('ZADD', KEYS[2], ARGV[4], ARGV[1])
            else
              redis.call('HSET', KEYS[1], 'state', ARGV[3])
              redis.call('PEXPIRE', KEYS[1], ARGV[6])
            end
            return 1
            """, Long.class);

    private final StringRedisTemplate redis;
    private final Duration historyTtl;

    RedisDeliveryOutbox(StringRedisTemplate redis, Duration historyTtl) {
        this.redis = redis;
        this.historyTtl = historyTtl;
    }

    /** Whether a delivery with this webhook id was queued already (and has not expired). */
    boolean exists(String webhookId) {
        return Boolean.TRUE.equals(redis.hasKey(WebhookKeys.delivery(webhookId)));
    }

    /** Adds the delivery, due now, unless one with this webhook id exists; returns whether it was added. */
    boolean enqueue(Delivery delivery, Instant now) {
        Long added = redis.execute(
                ENQUEUE,
                List.of(
                        WebhookKeys.delivery(delivery.webhookId()),
                        WebhookKeys.DUE,
                        WebhookKeys.webhooks(delivery.subjectId())),
                delivery.webhookId(),
                millis(now),
                delivery.subjectId(),
                delivery.eventType(),
                delivery.url(),
                delivery.body(),
                millis(delivery.deadline()),
                Long.toString(historyTtl.toMillis()));
        return added != null && added == 1L;
    }

    /** Claims up to {@code limit} due deliveries under a lease until {@code now + lease}. */
    List<Claimed> claim(Instant now, Duration lease, int limit) {
        String token = UUID.randomUUID().toString();
        List<String> ids = redis.execute(
                CLAIM,
                List.of(WebhookKeys.DUE, WebhookKeys.IN_FLIGHT),
                millis(now),
                millis(now.plus(lease)),
                Integer.toString(limit),
                token,
                WebhookKeys.DELIVERY_PREFIX);
        List<Claimed> claimed = new ArrayList<>();
        for (String id : ids == null ? List.<String>of() : ids) {
            Map<Object, Object> hash = redis.opsForHash().entries(WebhookKeys.delivery(id));
            if (hash.isEmpty()) { // expired under us: nothing left to send
                redis.opsForZSet().remove(WebhookKeys.IN_FLIGHT, id);
                continue;
            }
            claimed.add(new Claimed(
                    new Delivery(
                            id,
                            str(hash, "job_id"),
                            str(hash, "event_type"),
                            str(hash, "url"),
                            str(hash, "body"),
                            Integer.parseInt(str(hash, "attempts")),
                            Instant.ofEpochMilli(Long.parseLong(str(hash, "deadline")))),
                    token));
        }
        return claimed;
    }

    /**
     * Records an attempt and moves the delivery on: back to due at {@code nextAttempt} when the outcome is
     * {@code failed}, finished otherwise. Returns false when the lease was lost (another instance took it over).
     */
    boolean record(Claimed claimed, String attemptJson, String outcome, Instant nextAttempt) {
        Delivery d = claimed.delivery();
        Long done = redis.execute(
                RECORD,
                List.of(
                        WebhookKeys.delivery(d.webhookId()),
                        WebhookKeys.DUE,
                        WebhookKeys.IN_FLIGHT,
                        WebhookKeys.deliveries(d.subjectId()),
                        WebhookKeys.webhooks(d.subjectId())),
                d.webhookId(),
                claimed.leaseToken(),
                outcome,
                millis(nextAttempt),
                attemptJson,
                Long.toString(historyTtl.toMillis()),
                Integer.toString(d.attempts() + 1));
        return done != null && done == 1L;
    }

    private static String str(Map<Object, Object> hash, String field) {
        Object value = hash.get(field);
        if (value == null) {
            throw new IllegalStateException("delivery hash lacks " + field);
        }
        return value.toString();
    }

    private static String millis(Instant instant) {
        return Long.toString(instant.toEpochMilli());
    }

    /** A delivery held under a lease by this instance. */
    record Claimed(Delivery delivery, String leaseToken) {}
}
