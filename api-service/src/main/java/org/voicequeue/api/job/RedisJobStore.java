package org.voicequeue.api.job;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.ZSetOperations.TypedTuple;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import org.voicequeue.model.redis.JobFields;
import org.voicequeue.model.redis.RedisKeys;

/** Job records in Redis: a hash per job plus each owner's sorted set of job ids by creation time. */
@Component
class RedisJobStore {
    /** The hash and the owner index are written together, so a listing never shows a half-made job. */
    private static final RedisScript<Long> CREATE = RedisScript.of("""
            redis.call('HSET', KEYS[1], unpack(ARGV, 3))
            redis.call('ZADD', KEYS[2], ARGV[1], ARGV[2])
            return 1
            """, Long.class);

    /** Cancel decided and applied in one step, so a worker cannot start the job in between. */
    private static final RedisScript<String> CANCEL = RedisScript.of("""
            if redis.call('HGET', KEYS[1], 'owner') ~= ARGV[1] then return 'not_found' end
            local status = redis.call('HGET', KEYS[1], 'status')
            if status == 'queued' then
              redis.call('HSET', KEYS[1], 'status', 'canceled', 'completed_at', ARGV[2])
              return 'now_canceled'
            end
            if status == 'running' then
              redis.call('HSET', KEYS[1], 'cancel_requested', '1')
              return 'cancel_requested'
            end
            return 'finished:' .. tostring(status)
            """, String.class);

    private final StringRedisTemplate redis;

    RedisJobStore(StringRedisTemplate redis) {
        this.redis = redis;
    }

    void create(String jobId, String owner, long createdMillis, Map<String, String> fields) {
        List<String> args = new ArrayList<>(2 + fields.size() * 2);
        args.add(Long.toString(createdMillis));
        args.add(jobId);
        fields.forEach((name, value) -> {
            args.add(name);
            args.add(value);
        });
        redis.execute(CREATE, List.of(RedisKeys.job(jobId), RedisKeys.jobsOfOwner(owner)), args.toArray());
    }

    /** Undoes {@link #create} when the job could not be queued. */
    void delete(String jobId, String owner) {
        redis.delete(RedisKeys.job(jobId));
        redis.opsForZSet().remove(RedisKeys.jobsOfOwner(owner), jobId);
    }

    Optional<Map<String, String>> find(String jobId, String owner) {
        Map<String, String> hash = hash(jobId);
        return owner.equals(hash.get(JobFields.OWNER)) ? Optional.of(hash) : Optional.empty();
    }

    /** @return {@code now_canceled}, {@code cancel_requested}, {@code not_found} or {@code finished:<status>} */
    String cancel(String jobId, String owner, String completedAt) {
        return redis.execute(CANCEL, List.of(RedisKeys.job(jobId)), owner, completedAt);
    }

    Optional<byte[]> findAudio(String jobId) {
        byte[] key = RedisKeys.jobAudio(jobId).getBytes(StandardCharsets.UTF_8);
        return Optional.ofNullable(redis.execute((RedisCallback<byte[]>) c -> get(c, key)));
    }

    record Page(List<Map<String, String>> jobs, @Nullable JobCursor next) {}

    /**
     * Newest first, after {@code cursor}, keeping jobs that pass {@code filter}; scans at most {@code scanBudget}
     * index entries so a rare filter cannot make one request walk a huge index (the cursor then continues).
     */
    Page page(
            String owner,
            @Nullable JobCursor cursor,
            int limit,
            Predicate<Map<String, String>> filter,
            int scanBudget) {
        String index = RedisKeys.jobsOfOwner(owner);
        double max = cursor == null ? Double.POSITIVE_INFINITY : cursor.createdMillis();
        int batch = Math.max(limit * 2, 50);
        List<Map<String, String>> jobs = new ArrayList<>();
        JobCursor last = null;
        long offset = 0;
        int scanned = 0;
        while (true) {
            Set<TypedTuple<String>> tuples = redis.opsForZSet()
                    .reverseRangeByScoreWithScores(index, Double.NEGATIVE_INFINITY, max, offset, batch);
            if (tuples == null || tuples.isEmpty()) {
                return new Page(jobs, null);
            }
            for (TypedTuple<String> tuple : tuples) {
                offset++;
                long millis = tuple.getScore() == null ? 0 : tuple.getScore().longValue();
                String id = tuple.getValue();
                if (id == null || (cursor != null && !cursor.isBefore(millis, id))) {
                    continue;
                }
                scanned++;
                last = new JobCursor(millis, id);
                Map<String, String> hash = hash(id);
                if (owner.equals(hash.get(JobFields.OWNER)) && filter.test(hash)) {
                    jobs.add(hash);
                }
                if (jobs.size() == limit || scanned >= scanBudget) {
                    return new Page(jobs, last);
                }
            }
            if (tuples.size() < batch) {
                return new Page(jobs, null);
            }
        }
    }

    private Map<String, String> hash(String jobId) {
        Map<Object, Object> raw = redis.opsForHash().entries(RedisKeys.job(jobId));
        Map<String, String> hash = new HashMap<>();
        raw.forEach((k, v) -> hash.put(k.toString(), v.toString()));
        return hash;
    }

    private static byte @Nullable [] get(RedisConnection connection, byte[] key) {
        return connection.stringCommands().get(key);
    }
}
