package org.voicequeue.api.job;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import org.voicequeue.model.redis.RedisKeys;

/** Idempotency records as Redis strings with a TTL, reserved with SET NX. */
@Component
class RedisIdempotencyRecords implements IdempotencyRecords {
    private static final RedisScript<Long> DELETE_IF_EQUALS = RedisScript.of("""
            if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
            return 0
            """, Long.class);

    private final StringRedisTemplate redis;

    RedisIdempotencyRecords(StringRedisTemplate redis) {
        this.redis = redis;
    }

    @Override
    public Optional<String> putIfAbsent(String owner, String key, String value, Duration ttl) {
        String redisKey = RedisKeys.idempotency(owner, key);
        Boolean reserved = redis.opsForValue().setIfAbsent(redisKey, value, ttl);
        if (Boolean.TRUE.equals(reserved)) {
            return Optional.empty();
        }
        // The holder may have expired between SET NX and GET; then it is free again: one more try.
        String existing = redis.opsForValue().get(redisKey);
        if (existing == null) {
            return Boolean.TRUE.equals(redis.opsForValue().setIfAbsent(redisKey, value, ttl))
                    ? Optional.empty()
                    : Optional.ofNullable(redis.opsForValue().get(redisKey));
        }
        return Optional.of(existing);
    }

    @Override
    public void removeIfEquals(String owner, String key, String value) {
        redis.execute(DELETE_IF_EQUALS, List.of(RedisKeys.idempotency(owner, key)), value);
    }
}
