package org.voicequeue.model.model;

import java.util.List;

/**
 * What a worker reports about one installed synthesis model (in its heartbeat) and what {@code GET /v1/models}
 * shows.
 *
 * @param weights {@code checkpoint} (trained weights) or {@code random} (seeded random weights: noise, for tests)
 */
public record ModelInfo(
        String id,
        int sampleRate,
        List<String> languages,
        double maxReferenceSeconds,
        String weights,
        long parameterCount) {

    public ModelInfo {
        languages = List.copyOf(languages);
    }
}
