package org.voicequeue.worker.synthesis.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.voicequeue.audio.AudioContainer;
import org.voicequeue.audio.DecodedAudio;
import org.voicequeue.model.job.JobParams;
import org.voicequeue.worker.synthesis.SynthesisCanceledException;
import org.voicequeue.worker.synthesis.SynthesisListener;
import org.voicequeue.worker.synthesis.SynthesisRequest;
import org.voicequeue.worker.synthesis.SynthesizedAudio;

/** The whole engine on the committed tiny fixtures (random weights): determinism, progress, cancel. */
class OnnxEngineTests {
    private static OnnxSpeechSynthesizer synthesizer;
    private static float[] reference;

    @BeforeAll
    static void openFixtures() throws Exception {
        synthesizer = new OnnxSpeechSynthesizer(ModelsDirectory.defaultDir().toString(), "cpu", 2);
        reference = GoldenCase.load("f5", "en").floats("ref_audio");
    }

    private static SynthesisRequest request(String model, String text, Long seed) {
        JobParams params = new JobParams(1.0, 8, 2.0, -1.0, seed, "wav");
        return new SynthesisRequest(
                "job_t",
                model,
                new DecodedAudio(reference, 24_000, AudioContainer.WAV),
                "Some call me nature.",
                text,
                params);
    }

    @Test
    void bothFixtureModelsAreInstalledWithRandomWeights() {
        assertThat(synthesizer.installedModels())
                .extracting(m -> m.id() + ":" + m.weights())
                .contains("F5-TTS:random", "E2-TTS:random");
        assertThat(synthesizer.executionProvider()).isEqualTo("CPU");
    }

    @Test
    void sameSeedTwiceGivesIdenticalAudio() throws Exception {
        SynthesizedAudio a = synthesizer.synthesize(request("F5-TTS", "Hello there.", 7L), SynthesisListener.NONE);
        SynthesizedAudio b = synthesizer.synthesize(request("F5-TTS", "Hello there.", 7L), SynthesisListener.NONE);
        SynthesizedAudio c = synthesizer.synthesize(request("F5-TTS", "Hello there.", 8L), SynthesisListener.NONE);
        assertThat(a.sampleRate()).isEqualTo(24_000);
        assertThat(a.samples()).isNotEmpty().containsExactly(b.samples());
        assertThat(c.samples()).isNotEqualTo(a.samples());
    }

    @Test
    void progressRisesMonotonicallyToOneAcrossChunks() throws Exception {
        List<Double> progress = new ArrayList<>();
        String longText = "This is the first sentence of a long text. ".repeat(12) + "And this is the end.";
        synthesizer.synthesize(request("E2-TTS", longText, 1L), new SynthesisListener() {
            @Override
            public void onProgress(double fraction) {
                progress.add(fraction);
            }

            @Override
            public boolean isCanceled() {
                return false;
            }
        });
        // more than one chunk of 8 steps each
        assertThat(progress.size()).isGreaterThan(8).isEqualTo(progress.size() / 8 * 8);
        assertThat(progress).isSorted().doesNotHaveDuplicates();
        assertThat(progress.get(progress.size() - 1)).isEqualTo(1.0);
    }

    @Test
    void cancelStopsBetweenSteps() {
        AtomicInteger steps = new AtomicInteger();
        assertThatThrownBy(() -> synthesizer.synthesize(request("F5-TTS", "Hello there.", 1L), new SynthesisListener() {
                    @Override
                    public void onProgress(double fraction) {
                        steps.incrementAndGet();
                    }

                    @Override
                    public boolean isCanceled() {
                        return steps.get() >= 3;
                    }
                }))
                .isInstanceOf(SynthesisCanceledException.class);
        assertThat(steps.get()).isEqualTo(3);
    }
}
