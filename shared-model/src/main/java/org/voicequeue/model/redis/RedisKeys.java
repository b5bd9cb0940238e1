package org.voicequeue.model.redis;

/**
 * The Redis key layout both services rely on. Every key starts with {@code vq:}.
 *
 * <ul>
 *   <li>{@code vq:job:{id}} hash: the job record (fields in {@link JobFields})
 *   <li>{@code vq:job:{id}:lease} string, PX TTL: worker id holding the job while it runs; lapses if the worker dies
 *   <li>{@code vq:job:{id}:audio} string, TTL = result TTL: the finished WAV bytes
 *   <li>{@code vq:jobs:{owner}} sorted set: job ids of an owner scored by creation millis (listing, newest first)
 *   <li>{@code vq:idem:{owner}:{key}} string, 24 h TTL: idempotency record (request hash + job id)
 *   <li>{@code vq:workers:{workerId}} hash, short TTL: live worker heartbeat with its installed models
 * </ul>
 */
public final class RedisKeys {
    public static final String PREFIX = "vq:";

    private RedisKeys() {}

    public static String job(String jobId) {
        return PREFIX + "job:" + jobId;
    }

    public static String jobLease(String jobId) {
        return job(jobId) + ":lease";
    }

    public static String jobAudio(String jobId) {
        return job(jobId) + ":audio";
    }

    public static String jobsOfOwner(String owner) {
        return PREFIX + "jobs:" + owner;
    }

    public static String idempotency(String owner, String key) {
        return PREFIX + "idem:" + owner + ":" + key;
    }

    public static String worker(String workerId) {
        return PREFIX + "workers:" + workerId;
    }

    public static String workerPattern() {
        return PREFIX + "workers:*";
    }
}
