package org.voicequeue.benchmarks;

import java.util.Arrays;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;
import org.voicequeue.audio.AudioContainer;
import org.voicequeue.audio.DecodedAudio;
import org.voicequeue.audio.Resampler;
import org.voicequeue.audio.SpeechActivity;

/**
 * Reference preparation of a 10 s, 44.1 kHz clip: resampling to the model's 24 kHz and measuring its speech seconds.
 * The baseline copies the clip's floats into a new array, so each ratio says how far the step is from touching the
 * clip's memory once.
 */
public class ReferenceBenchmarks extends InnerLoopBenchmark {
    static final int FROM_RATE = 44_100;
    static final int TO_RATE = 24_000;

    DecodedAudio clip = new DecodedAudio(new float[0], FROM_RATE, AudioContainer.WAV);

    @Setup
    public void createClip() {
        clip = new DecodedAudio(Clips.speechLike(FROM_RATE), FROM_RATE, AudioContainer.WAV);
    }

    @Benchmark
    public float[] resample44kTo24k() {
        return Resampler.resample(clip.samples(), FROM_RATE, TO_RATE);
    }

    @Benchmark
    public double speechSeconds() {
        return SpeechActivity.speechSeconds(clip);
    }

    @Benchmark
    public float[] baselineCopyClip() {
        return Arrays.copyOf(clip.samples(), clip.samples().length);
    }
}
