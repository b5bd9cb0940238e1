package org.voicequeue.api.model;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One entry of {@code GET /v1/models}.
 *
 * @param available true only when at least one live worker has the model installed
 * @param weights as reported by a worker: {@code checkpoint} or {@code random}; null while no worker reports it
 */
record ModelResource(
        String id,
        boolean enabled,
        boolean available,
        int sampleRate,
        List<String> languages,
        double maxReferenceSeconds,
        ModelDefaults defaults,
        @Nullable String weights,
        @Nullable Long parameterCount) {}
