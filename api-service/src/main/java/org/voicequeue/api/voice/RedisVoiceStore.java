package org.voicequeue.api.voice;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import org.voicequeue.api.job.StoredVoices;
import org.voicequeue.model.redis.RedisKeys;

/**
 * Voices in Redis: hash {@code vq:voice:{id}} and the owner's index {@code vq:voices:{owner}} (sorted by creation
 * millis). The audio itself is the content-addressed object of the reference store; the record holds its key.
 */
@Component
class RedisVoiceStore implements StoredVoices {
    static final String ID = "id";
    static final String OWNER = "owner";
    static final String NAME = "name";
    static final String AUDIO_KEY = "reference_audio_key";
    static final String TEXT = "reference_text";
    static final String DURATION = "duration_seconds";
    static final String CREATED_AT = "created_at";

    private static final RedisScript<Long> CREATE = RedisScript.of("""
            redis.call('HSET', KEYS[1], unpack(ARGV, 3))
            redis.call('ZADD', KEYS[2], ARGV[1], ARGV[2])
            return 1
            """, Long.class);

    private static final RedisScript<Long> DELETE = RedisScript.of("""
            if redis.call('HGET', KEYS[1], 'owner') ~= ARGV[1] then return 0 end
            redis.call('DEL', KEYS[1])
            redis.call('ZREM', KEYS[2], ARGV[2])
            return 1
            """, Long.class);

    private final StringRedisTemplate redis;

    RedisVoiceStore(StringRedisTemplate redis) {
        this.redis = redis;
    }

    static String voiceKey(String voiceId) {
        return RedisKeys.PREFIX + "voice:" + voiceId;
    }

    static String ownerIndex(String owner) {
        return RedisKeys.PREFIX + "voices:" + owner;
    }

    void create(Map<String, String> fields) {
        List<String> args = new ArrayList<>();
        args.add(Long.toString(Instant.parse(fields.get(CREATED_AT)).toEpochMilli()));
        args.add(fields.get(ID));
        fields.forEach((k, v) -> {
            args.add(k);
            args.add(v);
        });
        redis.execute(CREATE, List.of(voiceKey(fields.get(ID)), ownerIndex(fields.get(OWNER))), args.toArray());
    }

    Optional<Map<String, String>> findRecord(String owner, String voiceId) {
        Map<Object, Object> raw = redis.opsForHash().entries(voiceKey(voiceId));
        Map<String, String> hash = new HashMap<>();
        raw.forEach((k, v) -> hash.put(k.toString(), v.toString()));
        return owner.equals(hash.get(OWNER)) ? Optional.of(hash) : Optional.empty();
    }

    /** Newest first, at most {@code limit}. */
    List<Map<String, String>> list(String owner, int limit) {
        Set<String> ids = redis.opsForZSet().reverseRange(ownerIndex(owner), 0, limit - 1L);
        List<Map<String, String>> voices = new ArrayList<>();
        if (ids != null) {
            for (String id : ids) {
                findRecord(owner, id).ifPresent(voices::add);
            }
        }
        return voices;
    }

    /** Removes the record only; jobs already submitted copied the audio key, and the object may be shared. */
    boolean delete(String owner, String voiceId) {
        Long deleted = redis.execute(DELETE, List.of(voiceKey(voiceId), ownerIndex(owner)), owner, voiceId);
        return deleted != null && deleted == 1L;
    }

    @Override
    public Optional<StoredVoice> find(String owner, String voiceId) {
        return findRecord(owner, voiceId).map(h -> new StoredVoice(voiceId, h.get(AUDIO_KEY), h.get(TEXT)));
    }
}
