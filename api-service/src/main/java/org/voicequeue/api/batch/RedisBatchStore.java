package org.voicequeue.api.batch;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisStringCommands;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.data.redis.core.types.Expiration;
import org.springframework.stereotype.Component;
import org.voicequeue.model.redis.JobFields;
import org.voicequeue.model.redis.RedisKeys;

/**
 * Batches in Redis. Every count change is one Lua script, and counting is idempotent per job (the set of counted job
 * ids), so a redelivered job event never counts twice. Key layout in {@link BatchKeys}.
 */
@Component
class RedisBatchStore {
    /** KEYS: hash, items, pending, owner index. ARGV: created millis, batch id, n, n job ids, field/value pairs. */
    private static final RedisScript<Long> CREATE = RedisScript.of("""
            local n = tonumber(ARGV[3])
            for i = 1, n do
              redis.call('RPUSH', KEYS[2], ARGV[3 + i])
              redis.call('RPUSH', KEYS[3], ARGV[3 + i])
            end
            for i = 4 + n, #ARGV, 2 do
              redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1])
            end
            redis.call('ZADD', KEYS[4], ARGV[1], ARGV[2])
            return n
            """, Long.class);

    /** KEYS: hash, counted, inflight. ARGV: job id, count field. Counts once per job id. */
    private static final RedisScript<List> COUNT = RedisScript.of("""
            if redis.call('EXISTS', KEYS[1]) == 0 then return {} end
            if redis.call('SADD', KEYS[2], ARGV[1]) == 1 then
              redis.call('HINCRBY', KEYS[1], ARGV[2], 1)
            end
            redis.call('SREM', KEYS[3], ARGV[1])
            return redis.call('HMGET', KEYS[1], 'total', 'succeeded', 'failed', 'canceled', 'cancel_requested',
              'status')
            """, List.class);

    /** KEYS: hash. ARGV: status, completed_at. Applies a terminal status once. */
    private static final RedisScript<Long> COMPLETE = RedisScript.of("""
            local s = redis.call('HGET', KEYS[1], 'status')
            if not s or s == 'succeeded' or s == 'failed' or s == 'partially_failed' or s == 'canceled' then
              return 0
            end
            redis.call('HSET', KEYS[1], 'status', ARGV[1], 'completed_at', ARGV[2])
            return 1
            """, Long.class);

    private static final RedisScript<Long> MARK_RUNNING = RedisScript.of("""
            if redis.call('HGET', KEYS[1], 'status') == 'queued' then
              redis.call('HSET', KEYS[1], 'status', 'running')
              return 1
            end
            return 0
            """, Long.class);

    /** KEYS: pending, inflight. ARGV: job id, '1' when it went to Kafka. */
    private static final RedisScript<Long> RELEASED = RedisScript.of("""
            redis.call('LREM', KEYS[1], 1, ARGV[1])
            if ARGV[2] == '1' then redis.call('SADD', KEYS[2], ARGV[1]) end
            return 1
            """, Long.class);

    /**
     * KEYS: hash, items, pending, audio. ARGV: triples (slot index, old job id, new job id, count field of the old
     * status). Only for a finished batch; a slot that changed meanwhile is left alone. Returns the new ids applied.
     */
    private static final RedisScript<List> RETRY = RedisScript.of("""
            local s = redis.call('HGET', KEYS[1], 'status')
            if s ~= 'failed' and s ~= 'partially_failed' and s ~= 'canceled' then return {} end
            local applied = {}
            for i = 1, #ARGV, 4 do
              local index = tonumber(ARGV[i])
              if redis.call('LINDEX', KEYS[2], index) == ARGV[i + 1] then
                redis.call('LSET', KEYS[2], index, ARGV[i + 2])
                redis.call('HINCRBY', KEYS[1], ARGV[i + 3], -1)
                redis.call('RPUSH', KEYS[3], ARGV[i + 2])
                table.insert(applied, ARGV[i + 2])
              end
            end
            if #applied > 0 then
              local succeeded = tonumber(redis.call('HGET', KEYS[1], 'succeeded') or '0')
              redis.call('HSET', KEYS[1], 'status', succeeded > 0 and 'running' or 'queued')
              redis.call('HDEL', KEYS[1], 'completed_at', 'cancel_requested', 'audio_state', 'audio_error',
                'sample_rate', 'duration_seconds', 'expires_at')
              redis.call('DEL', KEYS[4])
            end
            return applied
            """, List.class);

    private static final RedisScript<Long> UNLOCK = RedisScript.of("""
            if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
            return 0
            """, Long.class);

    private final StringRedisTemplate redis;

    RedisBatchStore(StringRedisTemplate redis) {
        this.redis = redis;
    }

    void create(String batchId, String owner, long createdMillis, List<String> jobIds, Map<String, String> fields) {
        List<String> args = new ArrayList<>();
        args.add(Long.toString(createdMillis));
        args.add(batchId);
        args.add(Integer.toString(jobIds.size()));
        args.addAll(jobIds);
        fields.forEach((k, v) -> {
            args.add(k);
            args.add(v);
        });
        redis.execute(
                CREATE,
                List.of(
                        BatchKeys.batch(batchId),
                        BatchKeys.items(batchId),
                        BatchKeys.pending(batchId),
                        BatchKeys.ofOwner(owner)),
                args.toArray());
    }

    /** Undoes {@link #create}. */
    void delete(String batchId, String owner) {
        redis.delete(List.of(
                BatchKeys.batch(batchId),
                BatchKeys.items(batchId),
                BatchKeys.pending(batchId),
                BatchKeys.inflight(batchId),
                BatchKeys.counted(batchId),
                BatchKeys.releaseLock(batchId)));
        redis.opsForZSet().remove(BatchKeys.ofOwner(owner), batchId);
    }

    Optional<Map<String, String>> find(String batchId, String owner) {
        Map<String, String> hash = hash(batchId);
        return owner.equals(hash.get(BatchFields.OWNER)) ? Optional.of(hash) : Optional.empty();
    }

    Map<String, String> hash(String batchId) {
        Map<Object, Object> raw = redis.opsForHash().entries(BatchKeys.batch(batchId));
        Map<String, String> hash = new HashMap<>();
        raw.forEach((k, v) -> hash.put(k.toString(), v.toString()));
        return hash;
    }

    List<String> items(String batchId) {
        List<String> items = redis.opsForList().range(BatchKeys.items(batchId), 0, -1);
        return items == null ? List.of() : items;
    }

    /** Status and item id of each job, in the order given (one pipelined round trip). */
    List<List<@Nullable String>> itemStates(List<String> jobIds) {
        List<Object> replies = redis.executePipelined((RedisCallback<Object>) connection -> {
            for (String id : jobIds) {
                connection
                        .hashCommands()
                        .hMGet(utf8(RedisKeys.job(id)), utf8(JobFields.STATUS), utf8(BatchFields.ITEM_ID));
            }
            return null;
        });
        List<List<@Nullable String>> states = new ArrayList<>(replies.size());
        for (Object reply : replies) {
            List<@Nullable String> values = new ArrayList<>(2);
            if (reply instanceof List<?> list) {
                list.forEach(v -> values.add(v == null ? null : v.toString()));
            }
            while (values.size() < 2) {
                values.add(null);
            }
            states.add(values);
        }
        return states;
    }

    /** Counts a job's end once; the batch's counts after it, empty when the batch is gone. */
    Optional<List<@Nullable String>> count(String batchId, String jobId, String countField) {
        List<?> reply = redis.execute(
                COUNT,
                List.of(BatchKeys.batch(batchId), BatchKeys.counted(batchId), BatchKeys.inflight(batchId)),
                jobId,
                countField);
        if (reply == null || reply.isEmpty()) {
            return Optional.empty();
        }
        List<@Nullable String> values = new ArrayList<>();
        reply.forEach(v -> values.add(v == null ? null : v.toString()));
        return Optional.of(values);
    }

    boolean complete(String batchId, String status, String completedAt) {
        Long done = redis.execute(COMPLETE, List.of(BatchKeys.batch(batchId)), status, completedAt);
        return done != null && done == 1L;
    }

    void markRunning(String batchId) {
        redis.execute(MARK_RUNNING, List.of(BatchKeys.batch(batchId)));
    }

    void requestCancel(String batchId) {
        redis.opsForHash().put(BatchKeys.batch(batchId), BatchFields.CANCEL_REQUESTED, "1");
    }

    /** Takes the batch's release lock for 30 s at most (a crashed holder must not block the batch for long). */
    boolean lockRelease(String batchId, String token) {
        return Boolean.TRUE.equals(
                redis.opsForValue().setIfAbsent(BatchKeys.releaseLock(batchId), token, Duration.ofSeconds(30)));
    }

    void unlockRelease(String batchId, String token) {
        redis.execute(UNLOCK, List.of(BatchKeys.releaseLock(batchId)), token);
    }

    long inflightCount(String batchId) {
        Long size = redis.opsForSet().size(BatchKeys.inflight(batchId));
        return size == null ? 0 : size;
    }

    Set<String> inflight(String batchId) {
        Set<String> members = redis.opsForSet().members(BatchKeys.inflight(batchId));
        return members == null ? Set.of() : members;
    }

    List<String> pendingHead(String batchId, long count) {
        if (count <= 0) {
            return List.of();
        }
        List<String> head = redis.opsForList().range(BatchKeys.pending(batchId), 0, count - 1);
        return head == null ? List.of() : head;
    }

    void released(String batchId, String jobId, boolean sent) {
        redis.execute(
                RELEASED, List.of(BatchKeys.pending(batchId), BatchKeys.inflight(batchId)), jobId, sent ? "1" : "0");
    }

    /** @param replacements (slot index, old id, new id, count field) per item */
    List<String> retry(String batchId, List<String[]> replacements) {
        List<String> args = new ArrayList<>();
        replacements.forEach(r -> args.addAll(List.of(r)));
        List<?> applied = redis.execute(
                RETRY,
                List.of(
                        BatchKeys.batch(batchId),
                        BatchKeys.items(batchId),
                        BatchKeys.pending(batchId),
                        BatchKeys.audio(batchId)),
                args.toArray());
        return applied == null
                ? List.of()
                : applied.stream().map(Object::toString).toList();
    }

    void put(String batchId, Map<String, String> fields) {
        redis.opsForHash().putAll(BatchKeys.batch(batchId), fields);
    }

    Optional<byte[]> jobAudio(String jobId) {
        return bytes(RedisKeys.jobAudio(jobId));
    }

    Optional<byte[]> audio(String batchId) {
        return bytes(BatchKeys.audio(batchId));
    }

    void storeAudio(String batchId, byte[] wav, Duration ttl) {
        redis.execute((RedisCallback<Object>) c -> c.stringCommands()
                .set(
                        utf8(BatchKeys.audio(batchId)),
                        wav,
                        Expiration.from(ttl),
                        RedisStringCommands.SetOption.upsert()));
    }

    private Optional<byte[]> bytes(String key) {
        return Optional.ofNullable(redis.execute((RedisCallback<byte[]>) c -> get(c, utf8(key))));
    }

    private static byte @Nullable [] get(RedisConnection connection, byte[] key) {
        return connection.stringCommands().get(key);
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
