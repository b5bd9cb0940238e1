package org.voicequeue.worker.system;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;
import org.voicequeue.model.redis.RedisKeys;
import org.voicequeue.model.redis.WorkerFields;
import org.voicequeue.worker.synthesis.SpeechSynthesizer;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * Announces this worker and its installed models in {@code vq:workers:{id}} every few seconds; the hash expires soon
 * after the last beat, so {@code GET /v1/models} stops listing a model as available once its last worker is gone.
 */
@Component
class WorkerHeartbeat implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(WorkerHeartbeat.class);
    private static final JsonMapper SNAKE_CASE = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .build();

    private final StringRedisTemplate redis;
    private final SpeechSynthesizer synthesizer;
    private final String key;
    private final WorkerProperties.Heartbeat settings;
    private volatile ScheduledExecutorService scheduler;

    WorkerHeartbeat(StringRedisTemplate redis, SpeechSynthesizer synthesizer, WorkerProperties properties) {
        this.redis = redis;
        this.synthesizer = synthesizer;
        this.key = RedisKeys.worker(properties.worker().id());
        this.settings = properties.heartbeat();
    }

    void beat() {
        try {
            redis.opsForHash()
                    .putAll(
                            key,
                            Map.of(
                                    WorkerFields.MODELS, SNAKE_CASE.writeValueAsString(synthesizer.installedModels()),
                                    WorkerFields.PROVIDER, synthesizer.executionProvider(),
                                    WorkerFields.HEARTBEAT_AT, Instant.now().toString()));
            redis.expire(key, settings.ttl());
        } catch (RuntimeException e) {
            log.warn("Heartbeat not written: {}", e.getMessage());
        }
    }

    @Override
    public void start() {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "worker-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        long period = settings.interval().toMillis();
        executor.scheduleAtFixedRate(this::beat, 0, period, TimeUnit.MILLISECONDS);
        scheduler = executor;
    }

    @Override
    public void stop() {
        ScheduledExecutorService executor = scheduler;
        if (executor != null) {
            executor.shutdownNow();
            scheduler = null;
        }
        try {
            redis.delete(key); // leave at once rather than after the TTL
        } catch (RuntimeException e) {
            log.debug("Heartbeat key not removed: {}", e.getMessage());
        }
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }

    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 1; // stop after the job loop has finished its job
    }
}
