package org.voicequeue.api.job;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;
import org.voicequeue.api.webhook.JobResourceSource;
import org.voicequeue.model.redis.RedisKeys;

/** Gives webhook deliveries the job resource exactly as {@code GET /v1/jobs/{id}} renders it. */
@Component
class RedisJobResourceSource implements JobResourceSource {
    private final StringRedisTemplate redis;
    private final JobRecords records;

    RedisJobResourceSource(StringRedisTemplate redis, JobRecords records) {
        this.redis = redis;
        this.records = records;
    }

    @Override
    public Optional<Object> findJobResource(String jobId) {
        Map<Object, Object> raw = redis.opsForHash().entries(RedisKeys.job(jobId));
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> hash = new HashMap<>();
        raw.forEach((k, v) -> hash.put(k.toString(), v.toString()));
        return Optional.of(records.toResource(hash));
    }
}
