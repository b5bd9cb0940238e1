package org.voicequeue.worker.synthesis.onnx;

import java.util.Map;

/**
 * The ODE time grid of {@code CFM.sample}: EPSS tables for 5/6/7/10/12/16 steps ({@code use_epss=True}), else
 * {@code linspace(0, 1, steps + 1)}; then sway sampling {@code t + coef * (cos(pi/2 * t) - 1 + t)}. Computed in
 * double and rounded to float32 per point (the official grid is float32; ≤ 1 ulp apart).
 */
final class TimeGrid {
    private static final Map<Integer, int[]> EPSS = Map.of(
            5, new int[] {0, 2, 4, 8, 16, 32},
            6, new int[] {0, 2, 4, 6, 8, 16, 32},
            7, new int[] {0, 2, 4, 6, 8, 16, 24, 32},
            10, new int[] {0, 2, 4, 6, 8, 12, 16, 20, 24, 28, 32},
            12, new int[] {0, 2, 4, 6, 8, 10, 12, 14, 16, 20, 24, 28, 32},
            16, new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 12, 14, 16, 20, 24, 28, 32});

    private TimeGrid() {}

    static float[] of(int steps, double swayCoef) {
        float[] t = new float[steps + 1];
        int[] epss = EPSS.get(steps);
        for (int k = 0; k <= steps; k++) {
            double u = epss != null ? epss[k] / 32.0 : (float) ((double) k / steps);
            t[k] = (float) (u + swayCoef * (Math.cos(Math.PI / 2 * u) - 1 + u));
        }
        return t;
    }
}
