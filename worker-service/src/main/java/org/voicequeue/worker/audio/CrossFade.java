package org.voicequeue.worker.audio;

import java.util.List;

/** Joins chunk waves with the official linear cross-fade ({@code infer_batch_process}, 0.15 s by default). */
public final class CrossFade {
    private CrossFade() {}

    public static int samples(double seconds, int sampleRate) {
        return (int) (seconds * sampleRate);
    }

    /**
     * {@code fade_out = linspace(1, 0, n)}, {@code fade_in = linspace(0, 1, n)} (float64, endpoints included) over
     * {@code n = min(overlap, len(prev), len(next))}; {@code n <= 0} concatenates.
     */
    public static float[] join(List<float[]> waves, int overlap) {
        if (waves.isEmpty()) {
            return new float[0];
        }
        float[] out = waves.get(0);
        for (int w = 1; w < waves.size(); w++) {
            out = join(out, waves.get(w), overlap);
        }
        return out;
    }

    static float[] join(float[] prev, float[] next, int overlap) {
        int n = Math.min(overlap, Math.min(prev.length, next.length));
        if (n <= 0) {
            float[] out = new float[prev.length + next.length];
            System.arraycopy(prev, 0, out, 0, prev.length);
            System.arraycopy(next, 0, out, prev.length, next.length);
            return out;
        }
        float[] out = new float[prev.length + next.length - n];
        int head = prev.length - n;
        System.arraycopy(prev, 0, out, 0, head);
        for (int i = 0; i < n; i++) {
            double in = n == 1 ? 0.0 : (double) i / (n - 1);
            out[head + i] = (float) (prev[head + i] * (1.0 - in) + next[i] * in);
        }
        System.arraycopy(next, n, out, head + n, next.length - n);
        return out;
    }
}
