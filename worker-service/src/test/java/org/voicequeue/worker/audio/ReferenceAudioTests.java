package org.voicequeue.worker.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ReferenceAudioTests {

    private static float[] sine(int n, double amplitude) {
        float[] s = new float[n];
        for (int i = 0; i < n; i++) {
            s[i] = (float) (amplitude * Math.sin(2 * Math.PI * 220 * i / 24_000.0));
        }
        return s;
    }

    @Test
    void quietReferenceIsBoostedToTargetRmsAndOutputScaledBack() {
        ReferenceAudio ref = ReferenceAudio.normalise(sine(24_000, 0.01 * Math.sqrt(2)), 24_000, 24_000);
        assertThat(ref.rms()).isCloseTo(0.01, within(1e-4));
        assertThat(ReferenceAudio.rms(ref.samples())).isCloseTo(0.1, within(1e-4));
        assertThat(ref.restoreLoudness(new float[] {1f})[0]).isCloseTo(0.1f, within(1e-3f));
    }

    @Test
    void loudReferenceIsLeftAsItIs() {
        float[] loud = sine(24_000, 0.5);
        ReferenceAudio ref = ReferenceAudio.normalise(loud, 24_000, 24_000);
        assertThat(ref.samples()).containsExactly(loud);
        assertThat(ref.restoreLoudness(new float[] {0.7f})).containsExactly(0.7f);
    }

    @Test
    void longReferenceIsClippedAtALongSilenceToAtMostTwelveSeconds() {
        int rate = 24_000;
        // 8 s speech, 3 s silence, 8 s speech: the second part would take the total over 12 s
        float[] a = sine(8 * rate, 0.3);
        float[] audio = new float[19 * rate];
        System.arraycopy(a, 0, audio, 0, a.length);
        System.arraycopy(a, 0, audio, 11 * rate, a.length);
        float[] clean = SilenceClipper.clean(audio, rate);
        double seconds = clean.length / (double) rate;
        assertThat(seconds).isLessThanOrEqualTo(12.05).isGreaterThan(8.0);
    }

    @Test
    void edgesQuieterThanMinus42DbfsAreTrimmedAnd50MsOfSilenceAppended() {
        int rate = 24_000;
        float[] audio = new float[3 * rate];
        System.arraycopy(sine(rate, 0.3), 0, audio, rate, rate);
        float[] clean = SilenceClipper.clean(audio, rate);
        assertThat(clean.length / (double) rate).isCloseTo(1.05, within(0.015));
    }
}
