package org.voicequeue.api.batch;

import org.voicequeue.model.redis.RedisKeys;

/**
 * Redis keys of a batch: {@code vq:batch:{id}} hash ({@link BatchFields}); {@code :items} list of job ids in item
 * order (a retried item's new job takes its slot); {@code :pending} list of jobs not yet on Kafka; {@code :inflight}
 * set of jobs on Kafka not yet ended; {@code :counted} set of jobs whose end was counted;
 * {@code :release-lock} (30 s) one releaser at a time; {@code :audio} the joined
 * WAV (result TTL); {@code vq:batches:{owner}} sorted set of batch ids by creation millis.
 */
final class BatchKeys {
    private BatchKeys() {}

    static String batch(String id) {
        return RedisKeys.PREFIX + "batch:" + id;
    }

    static String items(String id) {
        return batch(id) + ":items";
    }

    static String pending(String id) {
        return batch(id) + ":pending";
    }

    static String inflight(String id) {
        return batch(id) + ":inflight";
    }

    static String counted(String id) {
        return batch(id) + ":counted";
    }

    static String audio(String id) {
        return batch(id) + ":audio";
    }

    static String releaseLock(String id) {
        return batch(id) + ":release-lock";
    }

    static String ofOwner(String owner) {
        return RedisKeys.PREFIX + "batches:" + owner;
    }
}
