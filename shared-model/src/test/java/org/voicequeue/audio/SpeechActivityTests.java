package org.voicequeue.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SpeechActivityTests {
    private static final int RATE = 16000;

    @Test
    void aClipOfOneFifthOfASecondMeasuresOneFifthOfASecond() {
        DecodedAudio clip = Fixtures.decoded("tone-0.2s.wav");

        assertThat(clip.durationSeconds()).isCloseTo(0.2, within(1e-9));
        assertThat(SpeechActivity.speechSeconds(clip)).isCloseTo(0.2, within(0.01));
    }

    @Test
    void quietNoiseAloneHasNoSpeech() {
        DecodedAudio silence = Fixtures.decoded("silence-noise.wav");

        assertThat(silence.durationSeconds()).isCloseTo(1.0, within(1e-9));
        assertThat(SpeechActivity.speechSeconds(silence)).isLessThan(0.02);
    }

    @Test
    void digitalSilenceHasNoSpeech() {
        assertThat(SpeechActivity.speechSeconds(audio(new float[RATE * 3]))).isZero();
    }

    @Test
    void speechCountsItsVoicedPartsButNotTheSilenceAroundIt() {
        DecodedAudio speech = Fixtures.decoded("speech-22050-s16.wav");
        float[] padded = new float[speech.samples().length + 2 * 22050];
        System.arraycopy(speech.samples(), 0, padded, 22050, speech.samples().length);

        double alone = SpeechActivity.speechSeconds(speech);
        double withSilence = SpeechActivity.speechSeconds(new DecodedAudio(padded, 22050, AudioContainer.WAV));

        assertThat(alone).isBetween(0.9, speech.durationSeconds());
        assertThat(withSilence).isCloseTo(alone, within(0.05)); // 10 ms frames fall differently
    }

    @Test
    void aLongClipIsCutAtASilenceNotInsideSpeech() {
        // 2 s bursts separated by 1.5 s pauses: 9.5 s, 13 s and 16.5 s are the burst ends past the half-way mark
        DecodedAudio long20s = audio(bursts(6, 2.0, 1.5));

        DecodedAudio clipped = SpeechActivity.clipAtSilence(long20s, 12);

        assertThat(clipped.durationSeconds()).isLessThanOrEqualTo(12).isGreaterThan(6);
        float[] x = clipped.samples();
        assertThat(Fixtures.rms(x, x.length - RATE / 2, x.length))
                .as("the clip ends in a pause")
                .isLessThan(1e-3);
    }

    @Test
    void aLongClipWithoutPausesIsCutHard() {
        DecodedAudio tone = audio(Fixtures.sine(300, RATE, 20, 0.5));

        DecodedAudio clipped = SpeechActivity.clipAtSilence(tone, 12);

        assertThat(clipped.samples()).hasSize(12 * RATE);
    }

    @Test
    void shortPausesAreUsedWhenThereAreNoLongOnes() {
        // 0.3 s pauses only: the 1 s / -50 dBFS pass finds nothing, the 100 ms / -40 dBFS pass does
        DecodedAudio speechy = audio(bursts(10, 1.7, 0.3));

        DecodedAudio clipped = SpeechActivity.clipAtSilence(speechy, 12);

        assertThat(clipped.durationSeconds()).isLessThanOrEqualTo(12).isGreaterThan(6);
        assertThat(clipped.samples().length).isNotEqualTo(12 * RATE);
    }

    @Test
    void aShortClipKeepsItsSpeechButLongPausesShrinkToTwoSecondsAsInF5() {
        float[] x = new float[RATE * 8];
        System.arraycopy(Fixtures.sine(300, RATE, 2, 0.5), 0, x, RATE, 2 * RATE); // 1 s silence, 2 s tone,
        System.arraycopy(Fixtures.sine(300, RATE, 1, 0.5), 0, x, 7 * RATE, RATE); // 4 s silence, 1 s tone

        DecodedAudio clipped = SpeechActivity.clipAtSilence(audio(x), 12);

        assertThat(SpeechActivity.speechSeconds(clipped)).isCloseTo(3.0, within(0.02));
        assertThat(clipped.durationSeconds()).isCloseTo(1 + 2 + 2 + 1, within(0.02));
    }

    @Test
    void trimmingDropsQuietEdgesOnly() {
        float[] x = new float[RATE * 3];
        System.arraycopy(Fixtures.sine(300, RATE, 1, 0.5), 0, x, RATE, RATE);

        DecodedAudio trimmed = SpeechActivity.trimSilentEdges(audio(x), -42);

        assertThat(trimmed.durationSeconds()).isCloseTo(1.0, within(0.011));
        assertThat(SpeechActivity.speechSeconds(trimmed)).isCloseTo(1.0, within(0.011));
    }

    @Test
    void aPreparedReferenceIsTrimmedAndEndsWithFiftyMillisecondsOfSilence() {
        float[] x = new float[RATE * 3];
        System.arraycopy(Fixtures.sine(300, RATE, 1, 0.5), 0, x, RATE, RATE);

        DecodedAudio reference = SpeechActivity.prepareReference(audio(x), 12);

        assertThat(reference.durationSeconds()).isCloseTo(1.05, within(0.011));
        float[] tail = Arrays.copyOfRange(
                reference.samples(), reference.samples().length - RATE / 20, reference.samples().length);
        assertThat(Fixtures.peak(tail)).isZero();
    }

    private static float[] bursts(int count, double burstSeconds, double pauseSeconds) {
        int burst = (int) (burstSeconds * RATE);
        int pause = (int) (pauseSeconds * RATE);
        float[] x = new float[count * (burst + pause)];
        float[] tone = Fixtures.sine(300, RATE, burstSeconds, 0.5);
        for (int i = 0; i < count; i++) {
            System.arraycopy(tone, 0, x, i * (burst + pause) + pause, burst);
        }
        return x;
    }

    private static DecodedAudio audio(float[] samples) {
        return new DecodedAudio(samples, RATE, AudioContainer.WAV);
    }
}
