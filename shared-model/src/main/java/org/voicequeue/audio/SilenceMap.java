package org.voicequeue.audio;

import java.util.ArrayList;
import java.util.List;

/**
 * Windowed loudness of one clip, on a millisecond grid: which stretches are silent, which are not. Window RMS comes
 * from prefix sums of squares, so a sliding one-second window costs the same as a 10 ms one.
 */
final class SilenceMap {
    private final float[] samples;
    private final int rate;
    private final double[] energy; // energy[i] = sum of squares of samples[0..i)

    /** A half-open range of samples. */
    record Range(int from, int to) {
        int length() {
            return to - from;
        }
    }

    SilenceMap(float[] samples, int rate) {
        this.samples = samples;
        this.rate = rate;
        this.energy = new double[samples.length + 1];
        for (int i = 0; i < samples.length; i++) {
            energy[i + 1] = energy[i] + (double) samples[i] * samples[i];
        }
    }

    int lengthMs() {
        return (int) Math.round(samples.length * 1000.0 / rate);
    }

    int sampleAt(long ms) {
        return (int) Math.min(samples.length, Math.max(0, Math.round(ms * rate / 1000.0)));
    }

    /** RMS in dBFS (full scale = 1.0) of samples [from, to); -infinity for digital silence or an empty range. */
    double dbfs(int from, int to) {
        if (to <= from) {
            return Double.NEGATIVE_INFINITY;
        }
        double meanSquare = (energy[to] - energy[from]) / (to - from);
        return meanSquare <= 0 ? Double.NEGATIVE_INFINITY : 10 * Math.log10(meanSquare);
    }

    /**
     * Stretches that are not silent, in ms: a window of {@code minSilenceMs}, moved in {@code stepMs} steps (and once
     * more flush with the end), is silent when its RMS is at or below the threshold; the union of silent windows is
     * silence and the rest is not.
     */
    List<Range> nonSilentMs(int minSilenceMs, double thresholdDbfs, int stepMs) {
        int length = lengthMs();
        List<Range> silent = new ArrayList<>();
        if (length >= minSilenceMs) {
            int last = length - minSilenceMs;
            for (int start = 0; start <= last; start = nextStart(start, stepMs, last)) {
                if (dbfs(sampleAt(start), sampleAt(start + minSilenceMs)) <= thresholdDbfs) {
                    int end = start + minSilenceMs;
                    Range previous = silent.isEmpty() ? null : silent.get(silent.size() - 1);
                    if (previous != null && start <= previous.to()) {
                        silent.set(silent.size() - 1, new Range(previous.from(), end));
                    } else {
                        silent.add(new Range(start, end));
                    }
                }
            }
        }
        List<Range> loud = new ArrayList<>();
        int previousEnd = 0;
        for (Range s : silent) {
            if (s.from() > previousEnd) {
                loud.add(new Range(previousEnd, s.from()));
            }
            previousEnd = s.to();
        }
        if (previousEnd < length) {
            loud.add(new Range(previousEnd, length));
        }
        return loud;
    }

    private static int nextStart(int start, int step, int last) {
        if (start == last) {
            return last + 1;
        }
        return Math.min(start + step, last);
    }
}
