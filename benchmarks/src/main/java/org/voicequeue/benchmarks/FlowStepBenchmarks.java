package org.voicequeue.benchmarks;

import java.util.SplittableRandom;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;

/**
 * One Euler step of flow matching with classifier-free guidance over a mel spectrogram of 1410 frames x 100 channels
 * (about 15 s at 24 kHz, hop 256). The loop body is a copy of worker-service's {@code FlowSampler.solve} inner loop
 * (the benchmarks must not depend on the services), without its loop-invariant {@code guided} test, which the JIT
 * hoists; keep the two in step. The baseline copies {@code y} into a preallocated array: the same floats read and
 * written once, without the arithmetic or the reads of {@code vc, vu}.
 */
public class FlowStepBenchmarks extends InnerLoopBenchmark {
    static final int FLOATS = 1410 * 100;

    float[] y = new float[0];
    float[] vc = new float[0];
    float[] vu = new float[0];
    float[] copy = new float[0];
    /** The step of a 32-step uniform time grid. */
    float dt = 1f / 32;
    /** F5's default guidance strength (cfg_strength 2). */
    float cfg = 2f;

    @Setup
    public void createTensors() {
        SplittableRandom random = new SplittableRandom(42);
        y = gaussian(random);
        vc = gaussian(random);
        vu = gaussian(random);
        copy = new float[FLOATS];
    }

    /** In place, as in the worker: y grows slowly over the run, which does not change the cost of the arithmetic. */
    @Benchmark
    public float[] eulerCfgStep() {
        for (int i = 0; i < y.length; i++) {
            float vel = vc[i] + (vc[i] - vu[i]) * cfg;
            y[i] = y[i] + dt * vel;
        }
        return y;
    }

    @Benchmark
    public float[] baselineCopyY() {
        System.arraycopy(y, 0, copy, 0, y.length);
        return copy;
    }

    private static float[] gaussian(SplittableRandom random) {
        float[] x = new float[FLOATS];
        for (int i = 0; i < x.length; i++) {
            // Box-Muller; only the distribution's scale matters here, not its exact shape
            x[i] = (float)
                    (Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble()));
        }
        return x;
    }
}
