package org.voicequeue.audio;

/** Band-limited sample-rate conversion. */
public final class Resampler {
    private Resampler() {}

    public static float[] resample(float[] samples, int fromRate, int toRate) {
        throw new UnsupportedOperationException("TODO(audio helper)");
    }
}
