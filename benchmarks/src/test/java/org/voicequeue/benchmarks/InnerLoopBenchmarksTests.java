package org.voicequeue.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.voicequeue.audio.AudioDecoder;
import org.voicequeue.audio.DecodedAudio;

/** Every benchmark method computes the right result on its benchmark's data; timing is the benchmark run's job. */
class InnerLoopBenchmarksTests {

    @Test
    void bothDecodePathsReturnTheClipThatWasEncoded() throws Exception {
        DecodeBenchmarks bench = new DecodeBenchmarks();
        bench.createClips();

        DecodedAudio pcm16 = bench.decodePcm16();
        DecodedAudio pcm24 = bench.baselineDecodePcm24PerSample();

        assertThat(pcm16.sampleRate()).isEqualTo(24_000);
        assertThat(pcm24.sampleRate()).isEqualTo(24_000);
        assertThat(pcm16.samples()).hasSize(240_000);
        assertThat(pcm24.samples()).hasSize(240_000);
        short[] stored = new short[240_000];
        ByteBuffer.wrap(bench.pcm16Wav, 44, stored.length * 2)
                .order(ByteOrder.LITTLE_ENDIAN)
                .asShortBuffer()
                .get(stored);
        float[] storedValues = new float[stored.length];
        for (int i = 0; i < stored.length; i++) {
            storedValues[i] = stored[i] / 32768f;
        }
        assertThat(pcm16.samples()).isEqualTo(storedValues);
        assertThat(maxDifference(pcm16.samples(), bench.clip)).isLessThanOrEqualTo(1e-4f);
        assertThat(maxDifference(pcm24.samples(), bench.clip)).isLessThanOrEqualTo(1e-6f);
    }

    @Test
    void resamplingTheClipGivesTheClipGeneratedAt24k() {
        ReferenceBenchmarks bench = new ReferenceBenchmarks();
        bench.createClip();

        float[] resampled = bench.resample44kTo24k();

        float[] direct = Clips.speechLike(24_000);
        assertThat(maxDifference(resampled, direct)).isLessThanOrEqualTo(2e-3f);
    }

    @Test
    void speechSecondsCountsTheVoicedSevenTenthsOfEachSecond() {
        ReferenceBenchmarks bench = new ReferenceBenchmarks();
        bench.createClip();

        assertThat(bench.speechSeconds()).isCloseTo(7.0, within(0.1));
        assertThat(bench.baselineCopyClip()).isEqualTo(bench.clip.samples());
    }

    @Test
    void encodedWavDecodesToTheAudioAndItsBase64RoundTrips() throws Exception {
        ResultBenchmarks bench = new ResultBenchmarks();
        bench.createAudio();

        byte[] wav = bench.encodePcm16Wav();
        String base64 = bench.base64OfWav();

        assertThat(wav).hasSize(44 + 2 * 240_000);
        assertThat(maxDifference(AudioDecoder.decode(wav).samples(), bench.audio))
                .isLessThanOrEqualTo(1e-4f);
        assertThat(base64).hasSize((wav.length + 2) / 3 * 4);
        assertThat(Base64.getDecoder().decode(base64)).isEqualTo(wav);
        assertThat(bench.baselineCopyWavBytes()).isEqualTo(wav).isNotSameAs(bench.wav);
    }

    @Test
    void eulerStepAddsDtTimesTheGuidedVelocity() {
        FlowStepBenchmarks bench = new FlowStepBenchmarks();
        bench.createTensors();
        Arrays.fill(bench.y, 1f);
        Arrays.fill(bench.vc, 1f);
        Arrays.fill(bench.vu, 0.5f);
        bench.y[7] = -2f;
        bench.vc[7] = 0.25f;
        bench.vu[7] = 1f;
        bench.dt = 0.25f;

        float[] y = bench.eulerCfgStep();

        // by hand: 1 + 0.25 * (1 + (1 - 0.5) * 2) = 1.5 and -2 + 0.25 * (0.25 + (0.25 - 1) * 2) = -2.3125
        assertThat(y).hasSize(141_000);
        assertThat(y[0]).isEqualTo(1.5f);
        assertThat(y[140_999]).isEqualTo(1.5f);
        assertThat(y[7]).isEqualTo(-2.3125f);
        assertThat(bench.baselineCopyY()).isEqualTo(y).isNotSameAs(y);
    }

    /** Largest absolute difference of two arrays of the same length (AssertJ's per-element offset checks are slow). */
    private static float maxDifference(float[] actual, float[] expected) {
        assertThat(actual).hasSameSizeAs(expected);
        float max = 0;
        for (int i = 0; i < actual.length; i++) {
            max = Math.max(max, Math.abs(actual[i] - expected[i]));
        }
        return max;
    }
}
