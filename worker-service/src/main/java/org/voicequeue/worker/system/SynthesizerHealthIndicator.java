package org.voicequeue.worker.system;

import java.util.List;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;
import org.voicequeue.model.model.ModelInfo;
import org.voicequeue.worker.synthesis.SpeechSynthesizer;

/**
 * {@code synthesizer}: execution provider and installed models. UP even with no models installed: the worker still
 * takes jobs and fails them with {@code model_unavailable}, which is better than leaving them queued forever.
 */
@Component("synthesizer")
class SynthesizerHealthIndicator implements HealthIndicator {
    private final SpeechSynthesizer synthesizer;

    SynthesizerHealthIndicator(SpeechSynthesizer synthesizer) {
        this.synthesizer = synthesizer;
    }

    @Override
    public Health health() {
        List<String> models =
                synthesizer.installedModels().stream().map(ModelInfo::id).toList();
        return Health.up()
                .withDetail("provider", synthesizer.executionProvider())
                .withDetail("models", models)
                .build();
    }
}
