package org.voicequeue.api.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.voicequeue.api.system.VoiceQueueProperties;
import org.voicequeue.model.model.ModelInfo;

/**
 * The models a job may name: those enabled in configuration, plus any a live worker reports. Configured models that
 * no live worker has are listed as not available (jobs for them wait in the queue).
 */
@Service
public class ModelCatalog {
    /** What F5-TTS and E2-TTS take: 24 kHz mel, English and Chinese, ~12 s of reference (F5 clips longer clips). */
    static final int SAMPLE_RATE = 24_000;

    static final List<String> LANGUAGES = List.of("en", "zh");
    static final double MAX_REFERENCE_SECONDS = 12.0;

    private final List<String> enabled;
    private final WorkerModels workers;

    ModelCatalog(VoiceQueueProperties properties, WorkerModels workers) {
        this.enabled = List.copyOf(properties.models().enabled());
        this.workers = workers;
    }

    /** True when a job may use the model; asks Redis only for models that configuration does not enable. */
    public boolean isKnown(String modelId) {
        return enabled.contains(modelId) || workers.reported().stream().anyMatch(m -> m.id().equals(modelId));
    }

    List<ModelResource> list() {
        Map<String, ModelInfo> reported = new LinkedHashMap<>();
        for (ModelInfo info : workers.reported()) {
            reported.merge(info.id(), info, ModelCatalog::preferCheckpoint);
        }
        List<ModelResource> models = new ArrayList<>();
        for (String id : enabled) {
            models.add(resource(id, reported.remove(id)));
        }
        reported.forEach((id, info) -> models.add(resource(id, info)));
        return models;
    }

    private static ModelResource resource(String id, @Nullable ModelInfo info) {
        if (info == null) {
            return new ModelResource(
                    id,
                    true,
                    false,
                    SAMPLE_RATE,
                    LANGUAGES,
                    MAX_REFERENCE_SECONDS,
                    ModelDefaults.ofJobParams(),
                    null,
                    null);
        }
        return new ModelResource(
                id,
                true,
                true,
                info.sampleRate(),
                info.languages(),
                info.maxReferenceSeconds(),
                ModelDefaults.ofJobParams(),
                info.weights(),
                info.parameterCount());
    }

    /** When workers disagree, show trained weights rather than a test worker's random ones. */
    private static ModelInfo preferCheckpoint(ModelInfo a, ModelInfo b) {
        return "checkpoint".equals(a.weights()) || !"checkpoint".equals(b.weights()) ? a : b;
    }
}
