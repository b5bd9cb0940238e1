package org.voicequeue.worker.synthesis.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.voicequeue.model.job.JobParams;
import org.voicequeue.worker.audio.ReferenceAudio;
import org.voicequeue.worker.synthesis.SynthesisListener;
import org.voicequeue.worker.text.PinyinConverter;

/**
 * Smoke run of the full-size F5TTS_v1_Base random-weight export (1.3 GB transformer) on CPU: one short sentence,
 * 8 steps, timings printed. Not a {@code *Tests} class, so the normal build never runs it; run it on purpose:
 *
 * <pre>./mvnw -pl worker-service test -Dtest=OnnxFullSizeSmoke -Dsurefire.failIfNoSpecifiedTests=false</pre>
 *
 * Model directory: {@code -Dvoicequeue.smoke.model-dir} (default {@code models/build/f5-v1-base-random}, written by
 * {@code models/vq-models export}); a missing export fails the run. When {@code models/build/golden-full-en} exists
 * the run uses its noise and also reports parity with the official full-size run.
 */
class OnnxFullSizeSmoke {

    @Test
    void fullSizeF5SpeaksOneShortSentenceOnCpu() throws Exception {
        Path models = ModelsDirectory.defaultDir();
        Path dir = Path.of(System.getProperty(
                "voicequeue.smoke.model-dir",
                models.resolve("build/f5-v1-base-random").toString()));
        assertThat(dir.resolve("model.json"))
                .as("full-size export (models/vq-models export)")
                .isRegularFile();
        Path goldenDir = models.resolve("build/golden-full-en");
        GoldenCase golden = Files.isRegularFile(goldenDir.resolve("golden.json"))
                ? GoldenCase.at(goldenDir)
                : GoldenCase.load("f5", "en");
        boolean fullGolden = golden.dir().equals(goldenDir);

        ModelManifest manifest = ModelManifest.read(dir.resolve("model.json"));
        JobParams params = new JobParams(1.0, 8, 2.0, -1.0, 42L, "wav");
        ReferenceAudio ref = ReferenceAudio.prepare(golden.floats("ref_audio"), 24_000, 24_000, false);
        Deque<float[]> noise = new ArrayDeque<>();
        if (fullGolden) {
            noise.add(golden.floats("chunk0_noise"));
        }
        NoiseSource source = fullGolden ? count -> noise.removeFirst() : NoiseSource.seeded(42);
        List<Long> stepTimes = new ArrayList<>();

        long t0 = System.nanoTime();
        try (OnnxModel model = new OnnxModel(manifest, new OrtRuntime("cpu", 0), new PinyinConverter())) {
            model.open();
            long t1 = System.nanoTime();
            F5Pipeline.Output out = F5Pipeline.run(
                    model,
                    model.tokenizer()::encode,
                    ref,
                    golden.string("ref_text_input"),
                    golden.string("gen_text"),
                    params,
                    source,
                    "smoke",
                    new SynthesisListener() {
                        @Override
                        public void onProgress(double fraction) {
                            stepTimes.add(System.nanoTime());
                        }

                        @Override
                        public boolean isCanceled() {
                            return false;
                        }
                    });
            long t2 = System.nanoTime();
            double seconds = out.wave().length / 24_000.0;
            double stepMs = (stepTimes.get(stepTimes.size() - 1) - stepTimes.get(0)) / 1e6 / (stepTimes.size() - 1);
            System.out.printf(
                    "full-size %s (%d params, %s weights), %d cores, D = %d frames%n",
                    manifest.id(),
                    manifest.parameterCount(),
                    manifest.weights(),
                    Runtime.getRuntime().availableProcessors(),
                    out.chunks().get(0).frames());
            System.out.printf(
                    "  open sessions %.1f s, synthesis %.1f s (%.0f ms per step), audio %.2f s, RTF %.1f%n",
                    (t1 - t0) / 1e9, (t2 - t1) / 1e9, stepMs, seconds, (t2 - t1) / 1e9 / seconds);
            assertThat(out.wave()).isNotEmpty();
            assertThat(stepTimes).hasSize(8);
            if (fullGolden) {
                double melErr = OnnxGoldenParityTests.maxAbs(
                        java.util.Arrays.copyOfRange(
                                out.chunks().get(0).melFull(),
                                golden.json().path("F").asInt() * 100,
                                out.chunks().get(0).melFull().length),
                        java.util.Arrays.copyOfRange(
                                golden.floats("chunk0_mel_full"),
                                golden.json().path("F").asInt() * 100,
                                golden.floats("chunk0_mel_full").length));
                System.out.printf(
                        "  vs official full-size run: max |mel error| generated %.3g, SNR %.1f dB%n",
                        melErr, OnnxGoldenParityTests.snrDb(golden.floats("wave_final"), out.wave()));
            }
        }
    }
}
