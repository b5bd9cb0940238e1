package org.voicequeue.api.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.voicequeue.api.system.VoiceQueueProperties;
import org.voicequeue.model.model.ModelInfo;

class ModelCatalogTests {
    private final List<ModelInfo> reported = new ArrayList<>();
    private final ModelCatalog catalog = new ModelCatalog(defaultProperties(), () -> List.copyOf(reported));

    @Test
    void configuredModelsAreListedButNotAvailableWithoutALiveWorker() {
        assertThat(catalog.list()).extracting(ModelResource::id).containsExactly("F5-TTS", "E2-TTS");
        assertThat(catalog.list()).allSatisfy(m -> {
            assertThat(m.enabled()).isTrue();
            assertThat(m.available()).isFalse();
            assertThat(m.sampleRate()).isEqualTo(24000);
            assertThat(m.languages()).containsExactly("en", "zh");
            assertThat(m.maxReferenceSeconds()).isEqualTo(12.0);
            assertThat(m.defaults().nfeSteps()).isEqualTo(32);
            assertThat(m.weights()).isNull();
        });
    }

    @Test
    void aModelIsAvailableWhenALiveWorkerReportsItWithItsWeightsAndSize() {
        reported.add(new ModelInfo("F5-TTS", 24000, List.of("en", "zh"), 12, "random", 10));
        reported.add(new ModelInfo("F5-TTS", 24000, List.of("en", "zh"), 12, "checkpoint", 336_000_000));

        ModelResource f5 = catalog.list().get(0);

        assertThat(f5.available()).isTrue();
        assertThat(f5.weights()).isEqualTo("checkpoint");
        assertThat(f5.parameterCount()).isEqualTo(336_000_000);
        assertThat(catalog.list().get(1).available()).isFalse();
    }

    @Test
    void knownModelsAreTheConfiguredOnesAndThoseWorkersReport() {
        reported.add(new ModelInfo("Extra-TTS", 22050, List.of("en"), 10, "random", 5));

        assertThat(catalog.isKnown("F5-TTS")).isTrue();
        assertThat(catalog.isKnown("Extra-TTS")).isTrue();
        assertThat(catalog.isKnown("Nope")).isFalse();
        assertThat(catalog.list()).extracting(ModelResource::id).containsExactly("F5-TTS", "E2-TTS", "Extra-TTS");
    }

    static VoiceQueueProperties defaultProperties() {
        return new Binder(new MapConfigurationPropertySource()).bindOrCreate("voicequeue", VoiceQueueProperties.class);
    }
}
