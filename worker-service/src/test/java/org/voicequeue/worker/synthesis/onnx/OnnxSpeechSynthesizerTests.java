package org.voicequeue.worker.synthesis.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.voicequeue.audio.AudioContainer;
import org.voicequeue.audio.DecodedAudio;
import org.voicequeue.model.job.ErrorCodes;
import org.voicequeue.model.job.JobParams;
import org.voicequeue.worker.synthesis.SynthesisException;
import org.voicequeue.worker.synthesis.SynthesisListener;
import org.voicequeue.worker.synthesis.SynthesisRequest;

class OnnxSpeechSynthesizerTests {

    private static SynthesisRequest request(String model) {
        return new SynthesisRequest(
                "job_1",
                model,
                new DecodedAudio(new float[24_000], 24_000, AudioContainer.WAV),
                "Hello there.",
                "Hi.",
                JobParams.defaults());
    }

    @Test
    void withoutModelsEverySynthesisFailsPermanentlyAsModelUnavailable(@TempDir Path empty) {
        var synthesizer = new OnnxSpeechSynthesizer(empty.toString(), "cpu", 1);
        assertThat(synthesizer.installedModels()).isEmpty();
        assertThat(synthesizer.executionProvider()).isEqualTo("CPU");
        assertThatThrownBy(() -> synthesizer.synthesize(request("F5-TTS"), SynthesisListener.NONE))
                .isInstanceOfSatisfying(SynthesisException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCodes.MODEL_UNAVAILABLE);
                    assertThat(e.retryable()).isFalse();
                });
    }

    @Test
    void anUnknownModelIdFailsPermanently(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("fixtures/f5-tts-tiny");
        java.nio.file.Files.createDirectories(model);
        java.nio.file.Files.writeString(
                model.resolve("model.json"),
                "{\"family\":\"F5-TTS\",\"source\":\"random\",\"parameter_count\":{\"transformer\":10,\"vocoder\":5}}");
        var synthesizer = new OnnxSpeechSynthesizer(dir.toString(), "cpu", 1);
        assertThat(synthesizer.installedModels()).singleElement().satisfies(info -> {
            assertThat(info.id()).isEqualTo("F5-TTS");
            assertThat(info.weights()).isEqualTo("random");
            assertThat(info.parameterCount()).isEqualTo(15);
        });
        assertThatThrownBy(() -> synthesizer.synthesize(request("X-TTS"), SynthesisListener.NONE))
                .isInstanceOfSatisfying(SynthesisException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCodes.UNKNOWN_MODEL);
                    assertThat(e.retryable()).isFalse();
                });
    }
}
