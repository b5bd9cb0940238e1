package org.voicequeue.api.model;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;
import org.voicequeue.api.system.WireJson;
import org.voicequeue.model.model.ModelInfo;
import org.voicequeue.model.redis.RedisKeys;
import org.voicequeue.model.redis.WorkerFields;

/** Reads worker heartbeats: a heartbeat hash exists only while its worker is alive (it has a short TTL). */
@Component
class RedisWorkerModels implements WorkerModels {
    private static final Logger log = LoggerFactory.getLogger(RedisWorkerModels.class);

    private final StringRedisTemplate redis;
    private final WireJson json;

    RedisWorkerModels(StringRedisTemplate redis, WireJson json) {
        this.redis = redis;
        this.json = json;
    }

    @Override
    public List<ModelInfo> reported() {
        List<String> keys = new ArrayList<>();
        try (var cursor = redis.scan(ScanOptions.scanOptions()
                .match(RedisKeys.workerPattern())
                .count(100)
                .build())) {
            cursor.forEachRemaining(keys::add);
        }
        List<ModelInfo> models = new ArrayList<>();
        for (String key : keys) {
            Object raw = redis.opsForHash().get(key, WorkerFields.MODELS);
            if (raw instanceof String text && !text.isBlank()) {
                try {
                    models.addAll(List.of(json.read(text, ModelInfo[].class)));
                } catch (RuntimeException e) {
                    log.warn("Ignoring unreadable model list in worker heartbeat {}", key);
                }
            }
        }
        return models;
    }
}
