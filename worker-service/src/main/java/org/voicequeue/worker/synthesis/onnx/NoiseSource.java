package org.voicequeue.worker.synthesis.onnx;

import java.util.SplittableRandom;

/**
 * Where the initial ODE state comes from, one call per chunk in chunk order. Tests inject the official noise;
 * production uses {@link #seeded(long)}.
 */
interface NoiseSource {

    /** {@code count} standard-normal float32 values. */
    float[] next(int count);

    /**
     * Deterministic Gaussian noise: {@link SplittableRandom} seeded with {@code seed}, Marsaglia polar method
     * (each accepted pair gives two values). The same seed gives the same bytes on every JVM; it is not torch's
     * generator, so audio differs sample-wise from the official code's for the same seed.
     */
    static NoiseSource seeded(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        return count -> {
            float[] out = new float[count];
            int i = 0;
            while (i < count) {
                double u;
                double v;
                double s;
                do {
                    u = 2 * random.nextDouble() - 1;
                    v = 2 * random.nextDouble() - 1;
                    s = u * u + v * v;
                } while (s >= 1 || s == 0);
                double m = Math.sqrt(-2 * Math.log(s) / s);
                out[i++] = (float) (u * m);
                if (i < count) {
                    out[i++] = (float) (v * m);
                }
            }
            return out;
        };
    }
}
