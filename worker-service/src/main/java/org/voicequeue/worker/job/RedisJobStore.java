package org.voicequeue.worker.job;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.RedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.stereotype.Component;
import org.voicequeue.model.job.JobEventType;
import org.voicequeue.model.redis.JobFields;
import org.voicequeue.model.redis.RedisKeys;

/**
 * The job record as the worker sees it. Every state change is a Lua script, so "check the lease, then write" is
 * one atomic step: only the worker holding {@code vq:job:{id}:lease} may write progress or a result (fencing).
 */
@Component
class RedisJobStore {
    /** Worker-private field: a terminal event written to Redis but not yet acknowledged by Kafka (outbox). */
    static final String TERMINAL_EVENT_PENDING = "terminal_event_pending";

    private static final RedisScript<List> CLAIM = script("claim", List.class);
    private static final RedisScript<Long> RENEW = script("renew", Long.class);
    private static final RedisScript<Long> UPDATE = script("update", Long.class);
    private static final RedisScript<Long> FINISH = script("finish", Long.class);
    private static final RedisScript<Long> RELEASE = script("release", Long.class);

    private final RedisTemplate<String, byte[]> redis;

    RedisJobStore(RedisConnectionFactory connectionFactory) {
        RedisTemplate<String, byte[]> template = new RedisTemplate<>();
        template.setConnectionFactory(connectionFactory);
        template.setKeySerializer(RedisSerializer.string());
        template.setValueSerializer(RedisSerializer.byteArray());
        template.setHashKeySerializer(RedisSerializer.string());
        template.setHashValueSerializer(RedisSerializer.byteArray());
        template.afterPropertiesSet();
        this.redis = template;
    }

    ClaimResult claim(String jobId, String workerId, Duration leaseTtl, int maxAttempts, Instant now) {
        List<?> reply = run(
                CLAIM,
                List.of(RedisKeys.job(jobId), RedisKeys.jobLease(jobId)),
                workerId,
                millis(leaseTtl),
                now.toString(),
                Integer.toString(maxAttempts));
        return ClaimResult.parse(reply);
    }

    /** {@code false} when the lease is gone or held by another worker. */
    boolean renewLease(String jobId, String workerId, Duration leaseTtl) {
        return run(RENEW, List.of(RedisKeys.jobLease(jobId)), workerId, millis(leaseTtl)) == 1L;
    }

    /** {@code false} when this worker no longer holds the lease. */
    boolean writeProgress(String jobId, String workerId, double progress) {
        return update(jobId, workerId, "", JobFields.PROGRESS, Double.toString(progress)) >= 0;
    }

    /** Counts one more attempt (a retry); the new count, or -1 when this worker no longer holds the lease. */
    long nextAttempt(String jobId, String workerId) {
        return update(jobId, workerId, JobFields.ATTEMPTS);
    }

    /**
     * Writes the terminal state (and the audio, when given) if this worker still holds the lease, and records the
     * terminal event as pending until {@link #eventPublished} clears it.
     */
    boolean finish(
            String jobId,
            String workerId,
            Map<String, String> fields,
            JobEventType event,
            byte @Nullable [] audio,
            Duration audioTtl) {
        List<Object> args = new ArrayList<>();
        args.add(workerId);
        args.add(audio == null ? "" : millis(audioTtl));
        args.add(audio == null ? new byte[0] : audio);
        fields.forEach((field, value) -> {
            args.add(field);
            args.add(value);
        });
        args.add(TERMINAL_EVENT_PENDING);
        args.add(event.name());
        List<String> keys = List.of(RedisKeys.job(jobId), RedisKeys.jobLease(jobId), RedisKeys.jobAudio(jobId));
        return run(FINISH, keys, args.toArray()) == 1L;
    }

    /** Gives a running job back to the queue (graceful shutdown). */
    boolean release(String jobId, String workerId) {
        return run(RELEASE, List.of(RedisKeys.job(jobId), RedisKeys.jobLease(jobId)), workerId) == 1L;
    }

    void eventPublished(String jobId) {
        redis.opsForHash().delete(RedisKeys.job(jobId), TERMINAL_EVENT_PENDING);
    }

    boolean isCancelRequested(String jobId) {
        Object value = redis.opsForHash().get(RedisKeys.job(jobId), JobFields.CANCEL_REQUESTED);
        return value instanceof byte[] bytes && "1".equals(new String(bytes, StandardCharsets.UTF_8));
    }

    private long update(String jobId, String workerId, String increment, String... fieldValues) {
        Object[] args = new Object[2 + fieldValues.length];
        args[0] = workerId;
        args[1] = increment;
        System.arraycopy(fieldValues, 0, args, 2, fieldValues.length);
        return run(UPDATE, List.of(RedisKeys.job(jobId), RedisKeys.jobLease(jobId)), args);
    }

    private <T> T run(RedisScript<T> script, List<String> keys, Object... args) {
        Object[] encoded = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            encoded[i] = args[i] instanceof byte[] bytes
                    ? bytes
                    : String.valueOf(args[i]).getBytes(StandardCharsets.UTF_8);
        }
        // list replies are read as strings; integer replies pass through the serializer untouched
        @SuppressWarnings("unchecked")
        RedisSerializer<T> replies = (RedisSerializer<T>) (RedisSerializer<?>) RedisSerializer.string();
        T result = redis.execute(script, RedisSerializer.byteArray(), replies, keys, encoded);
        if (result == null) {
            throw new IllegalStateException("no reply from Redis script");
        }
        return result;
    }

    private static String millis(Duration duration) {
        return Long.toString(duration.toMillis());
    }

    @SuppressWarnings("unchecked")
    private static <T> RedisScript<T> script(String name, Class<?> type) {
        return (RedisScript<T>) RedisScript.of(new ClassPathResource("lua/" + name + ".lua"), type);
    }
}
