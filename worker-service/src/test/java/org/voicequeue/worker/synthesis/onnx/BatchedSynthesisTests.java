package org.voicequeue.worker.synthesis.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.voicequeue.audio.AudioContainer;
import org.voicequeue.audio.DecodedAudio;
import org.voicequeue.model.job.JobParams;
import org.voicequeue.worker.synthesis.SynthesisListener;
import org.voicequeue.worker.synthesis.SynthesisRequest;

/**
 * Cross-job batching on the tiny fixtures: jobs whose steps ran as one batch produce exactly the audio they produce
 * alone — also when they are at different points of their schedules (different step counts, so different
 * {@code time} per row).
 */
class BatchedSynthesisTests {
    private static final ExecutorService jobs = Executors.newFixedThreadPool(3);
    private static OnnxSpeechSynthesizer alone;
    private static OnnxSpeechSynthesizer batched;
    private static float[] reference;

    @BeforeAll
    static void openEngines() throws Exception {
        String dir = ModelsDirectory.defaultDir().toString();
        alone = new OnnxSpeechSynthesizer(dir, "cpu", 2);
        // a long window, so that the three concurrent jobs surely meet (a lone job never waits for it)
        batched = new OnnxSpeechSynthesizer(
                ModelRegistry.scan(java.nio.file.Path.of(dir)), new OrtRuntime("cpu", 2), 3, Duration.ofSeconds(5));
        reference = GoldenCase.load("f5", "en").floats("ref_audio");
    }

    @AfterAll
    static void close() throws Exception {
        jobs.shutdownNow();
        alone.close();
        batched.close();
    }

    private static SynthesisRequest request(String text, int steps, long seed) {
        return new SynthesisRequest(
                "job_" + seed,
                "F5-TTS",
                new DecodedAudio(reference, 24_000, AudioContainer.WAV),
                "Some call me nature.",
                text,
                new JobParams(1.0, steps, 2.0, -1.0, seed, "wav"));
    }

    @Test
    void jobsBatchedTogetherSoundExactlyAsTheyDoAlone() throws Exception {
        // same text length (so the same frame count D), different seeds, texts and step counts
        List<SynthesisRequest> requests = List.of(
                request("Hello there, friend.", 8, 1),
                request("Jello where, fiend!!", 8, 2),
                request("Yellow hair, mends!!", 16, 3));
        // tiny steps take a millisecond: hold every job after its first step until all three are inside their solve,
        // so that from the second step on they surely meet
        CyclicBarrier met = new CyclicBarrier(requests.size());
        List<Future<float[]>> together = requests.stream()
                .map(r -> jobs.submit(
                        () -> batched.synthesize(r, meetAfterFirstStep(met)).samples()))
                .toList();
        for (int i = 0; i < requests.size(); i++) {
            float[] expected =
                    alone.synthesize(requests.get(i), SynthesisListener.NONE).samples();
            assertThat(together.get(i).get(60, TimeUnit.SECONDS)).containsExactly(expected);
        }
        StepBatcher.Stats stats = batched.batchStats("F5-TTS");
        assertThat(stats.rows()).isEqualTo(8 + 8 + 16);
        // at most: 3 first steps alone, steps 2-8 as batches of 3, the 16-step job's last 8 alone
        assertThat(stats.runs()).isBetween(16L, 3L + 7L + 8L);
    }

    private static SynthesisListener meetAfterFirstStep(CyclicBarrier met) {
        return new SynthesisListener() {
            private boolean first = true;

            @Override
            public void onProgress(double fraction) {
                if (first) {
                    first = false;
                    try {
                        met.await(30, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            }

            @Override
            public boolean isCanceled() {
                return false;
            }
        };
    }
}
