package org.voicequeue.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResamplerTests {

    /** Edge samples are left out of comparisons: there the filter sees the zeros beyond the signal. */
    private static final int EDGE = 300;

    @ParameterizedTest(name = "{0} Hz -> {1} Hz, {2} Hz tone")
    @CsvSource({
        "22050, 24000, 1000",
        "22050, 24000, 9000",
        "44100, 24000, 440",
        "44100, 24000, 10000",
        "48000, 24000, 3000",
        "48000, 24000, 10500",
        "16000, 24000, 1000",
        "16000, 24000, 7000",
        "8000, 24000, 2500",
        "24000, 16000, 5000",
        "44056, 24000, 4000", // rates with a huge common multiple: the interpolated-phase path
    })
    void aSineInTheCommonPassbandKeepsItsFrequencyAndAmplitude(int from, int to, double hz) {
        float[] out = Resampler.resample(Fixtures.sine(hz, from, 1.0, 0.5), from, to);
        float[] ideal = Fixtures.sine(hz, to, 1.0, 0.5);

        assertThat(out).hasSize(to);
        assertThat(Fixtures.snrDb(ideal, out, EDGE, out.length - EDGE)).isGreaterThan(60);
    }

    @ParameterizedTest(name = "{0} Hz -> {1} Hz, {2} Hz tone")
    @CsvSource({
        "48000, 24000, 12300",
        "48000, 24000, 13000",
        "48000, 24000, 20000",
        "44100, 24000, 12300",
        "44100, 24000, 18000",
        "22050, 16000, 9000",
    })
    void aToneAboveTheNewNyquistFrequencyIsRemovedNotAliased(int from, int to, double hz) {
        float[] out = Resampler.resample(Fixtures.sine(hz, from, 1.0, 0.5), from, to);

        double level = 20 * Math.log10(Fixtures.rms(out, EDGE, out.length - EDGE) / (0.5 / Math.sqrt(2)));
        assertThat(level).isLessThan(-60);
    }

    @Test
    void realSpeechMatchesSoxVeryHighQualityWithinTheBandBothKeep() {
        // sox "rate -v" keeps up to 95 % of Nyquist, we keep 90 %: compare below 9 kHz (both re-filtered at 18 kHz)
        DecodedAudio speech = Fixtures.decoded("speech-22050-s16.wav");
        float[] sox = Fixtures.decoded("speech-24000-sox-rate-v.wav").samples();
        float[] ours = Resampler.resample(speech.samples(), 22050, 24000);

        assertThat(ours).hasSameSizeAs(sox);
        float[] soxInBand = Resampler.resample(sox, 24000, 20000);
        float[] oursInBand = Resampler.resample(ours, 24000, 20000);
        assertThat(Fixtures.snrDb(soxInBand, oursInBand, 0, soxInBand.length)).isGreaterThan(70);
        assertThat(Fixtures.snrDb(sox, ours, 0, sox.length)).isGreaterThan(40); // full band, edge included
    }

    @Test
    void theOutputIsNotDelayed() {
        float[] impulse = new float[2205];
        impulse[1000] = 1;

        float[] out = Resampler.resample(impulse, 22050, 24000);

        int peakAt = 0;
        for (int i = 0; i < out.length; i++) {
            if (Math.abs(out[i]) > Math.abs(out[peakAt])) {
                peakAt = i;
            }
        }
        assertThat(peakAt).isEqualTo((int) Math.round(1000 * 24000 / 22050.0));
    }

    @Test
    void aConstantSignalStaysConstant() {
        float[] dc = new float[4410];
        java.util.Arrays.fill(dc, 0.25f);

        float[] out = Resampler.resample(dc, 44100, 24000);

        for (int i = EDGE; i < out.length - EDGE; i++) {
            assertThat(out[i]).isCloseTo(0.25f, within(1e-5f));
        }
    }

    @Test
    void theOutputLengthIsTheInputDurationRoundedUp() {
        assertThat(Resampler.resample(new float[33549], 22050, 24000)).hasSize(36516); // ceil(33549 * 160 / 147)
        assertThat(Resampler.resample(new float[3], 48000, 24000)).hasSize(2);
        assertThat(Resampler.resample(new float[0], 48000, 24000)).isEmpty();
    }

    @Test
    void theSameRateReturnsACopy() {
        float[] in = {0.1f, -0.2f, 0.3f};

        float[] out = Resampler.resample(in, 24000, 24000);

        assertThat(out).containsExactly(in).isNotSameAs(in);
    }
}
